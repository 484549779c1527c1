// The desk's one script (compiled into the binary; no build step, no
// library, no request beyond this desk). Every page works without it; it
// adds: the selection as a passage to code or annotate, j/k between
// paragraphs, the codes of a clicked sentence or stripe, live search.
"use strict";

// Characters (code points, as the server counts them) of a string.
function chars(s) { return Array.from(s).length; }

// Offset (in characters of the document) of a point in a sentence span.
function offsetOf(node, offset) {
  let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const span = el && el.closest(".s");
  if (!span) return null;
  const range = document.createRange();
  range.selectNodeContents(span);
  range.setEnd(node, offset);
  return Number(span.dataset.start) + chars(range.toString());
}

function onSelection() {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
  const r = sel.getRangeAt(0);
  let a = offsetOf(r.startContainer, r.startOffset);
  let b = offsetOf(r.endContainer, r.endOffset);
  if (a === null || b === null || a === b) return;
  if (a > b) [a, b] = [b, a];
  const set = (id, v) => { const e = document.getElementById(id); if (e) e.value = v; };
  set("start", a); set("end", b);
  set("memo-kind", "passage"); set("memo-start", a); set("memo-end", b);
  const shown = document.getElementById("selection");
  if (shown) shown.textContent = "Selected: \u201c" + sel.toString().slice(0, 200) + "\u201d";
}

// A chart of the tables page as PNG: the desk's own SVG drawn on a canvas
// at twice its size, in the browser (nothing leaves the desk).
function svgToPng(url) {
  return fetch(url, { credentials: "same-origin" })
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
    .then((svg) => new Promise((resolve, reject) => {
      const src = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      const img = new Image();
      img.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = img.naturalWidth * 2;
        canvas.height = img.naturalHeight * 2;
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.scale(2, 2);
        ctx.drawImage(img, 0, 0);
        URL.revokeObjectURL(src);
        canvas.toBlob((png) => (png ? resolve(png) : reject(new Error("no PNG"))), "image/png");
      };
      img.onerror = () => { URL.revokeObjectURL(src); reject(new Error("the SVG did not load")); };
      img.src = src;
    }));
}
window.deskSvgToPng = svgToPng;

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button.png").forEach((b) => {
    b.addEventListener("click", () => {
      svgToPng(b.dataset.svg).then((png) => {
        const a = document.createElement("a");
        a.href = URL.createObjectURL(png);
        a.download = b.dataset.name + ".png";
        document.body.appendChild(a);
        a.click();
        a.remove();
      }).catch((e) => { b.textContent = "PNG failed: " + e.message; });
    });
  });
  const text = document.querySelector("article.text");
  if (text) {
    text.addEventListener("mouseup", onSelection);
    text.addEventListener("keyup", onSelection);
    text.addEventListener("click", (e) => {
      const s = e.target.closest(".s, .stripe");
      if (!s) return;
      const shown = document.getElementById("selection");
      const codes = s.classList.contains("stripe") ? s.title : (s.dataset.codes || "no code");
      if (shown && window.getSelection().isCollapsed) shown.textContent = "Codes here: " + codes;
      document.querySelectorAll(".s.active").forEach((x) => x.classList.remove("active"));
      if (s.classList.contains("s")) s.classList.add("active");
    });
    const paras = Array.from(text.querySelectorAll("section.para"));
    document.addEventListener("keydown", (e) => {
      if (e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key !== "j" && e.key !== "k") return;
      const at = paras.indexOf(document.activeElement);
      const next = e.key === "j" ? Math.min(at + 1, paras.length - 1) : Math.max(at - 1, 0);
      if (paras[next]) { paras[next].focus(); e.preventDefault(); }
    });
  }
  const form = document.getElementById("search-form");
  if (form) {
    let timer = null, last = "";
    const live = () => {
      const params = new URLSearchParams(new FormData(form));
      params.set("part", "1");
      const url = "/search?" + params.toString();
      if (url === last) return;
      last = url;
      fetch(url, { credentials: "same-origin" })
        .then((r) => r.text())
        .then((html) => {
          const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("results");
          const old = document.getElementById("results");
          if (fresh && old && url === last) old.replaceWith(fresh);
        })
        .catch(() => {});
    };
    const soon = () => { clearTimeout(timer); timer = setTimeout(live, 200); };
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
  }
});
