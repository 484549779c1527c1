//! Who may use the desk, and as whom each write is recorded.
//!
//! Token mode (the default, 127.0.0.1 only): the URL `pipeline serve`
//! prints carries a random 256-bit token; visiting it opens a session for
//! the editor named by `--editor` (or the login name). Users mode
//! (`--users FILE`, required with `--bind`): each editor signs in with a
//! password checked against an argon2 hash. Sessions are random 256-bit ids
//! in an HttpOnly, SameSite=Strict cookie, held in memory (a restart signs
//! everyone out); each has its own CSRF token, required in every form.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use crate::error::{Error, Result};

/// The cookie that holds the session id.
const COOKIE: &str = "pipeline_desk";

/// A signed-in editor.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who writes.
    pub editor: String,
    /// The token every form of this session carries.
    pub csrf: String,
    /// When it was last used: a session idle for [`IDLE`] is closed.
    seen: std::time::Instant,
}

/// How long a session lives unused (a working day): an editor who leaves
/// the desk open overnight signs in again.
pub(crate) const IDLE: std::time::Duration = std::time::Duration::from_secs(8 * 3600);

/// Editors and their argon2 password hashes (`name:$argon2id$…` per line,
/// `#` comments), as `pipeline serve --users FILE` reads them.
#[derive(Debug, Clone)]
pub struct Users {
    hashes: HashMap<String, String>,
}

impl Users {
    /// Reads a users file; an error names the file and the line.
    pub fn load(path: &Path) -> Result<Users> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut hashes = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| Error::Invalid(format!("{}:{}: {why}", path.display(), i + 1));
            let (name, hash) = line
                .split_once(':')
                .ok_or_else(|| bad("expected NAME:HASH"))?;
            if name.trim().is_empty() {
                return Err(bad("an empty name"));
            }
            argon2::PasswordHash::new(hash.trim()).map_err(|_| {
                bad("not a password hash (make one with `pipeline serve --hash-password`)")
            })?;
            hashes.insert(name.trim().to_string(), hash.trim().to_string());
        }
        if hashes.is_empty() {
            return Err(Error::Invalid(format!("{}: no users", path.display())));
        }
        Ok(Users { hashes })
    }

    fn verify(&self, name: &str, password: &str) -> bool {
        use argon2::PasswordVerifier;
        let Some(hash) = self.hashes.get(name) else {
            // Same work for an unknown name as for a wrong password.
            let _ = hash_password(password);
            return false;
        };
        argon2::PasswordHash::new(hash).is_ok_and(|h| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    }
}

/// An argon2id hash (PHC string) of `password` with a random salt, for a
/// users file.
pub fn hash_password(password: &str) -> Result<String> {
    use argon2::PasswordHasher;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Invalid(format!("no randomness: {e}")))?;
    let salt = argon2::password_hash::SaltString::encode_b64(&salt)
        .map_err(|e| Error::Invalid(e.to_string()))?;
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Invalid(e.to_string()))
}

/// 256 random bits, hex.
fn random_id() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's randomness");
    crate::metadata::hex(&bytes)
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// Sessions and how they are opened.
pub(crate) struct Auth {
    token: Option<String>,
    users: Option<Users>,
    editor: String,
    sessions: Mutex<HashMap<String, Session>>,
}

impl Auth {
    pub(crate) fn new(users: Option<Users>, editor: String) -> Auth {
        Auth {
            token: users.is_none().then(random_id),
            users,
            editor,
            sessions: Mutex::new(HashMap::new()),
        }
    }

    /// The token of the printed URL (token mode).
    pub(crate) fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    pub(crate) fn has_users(&self) -> bool {
        self.users.is_some()
    }

    fn open(&self, editor: &str) -> String {
        let id = random_id();
        self.sessions.lock().expect("sessions").insert(
            id.clone(),
            Session {
                editor: editor.to_string(),
                csrf: random_id(),
                seen: std::time::Instant::now(),
            },
        );
        id
    }

    pub(crate) fn sign_in_with_token(&self, token: &str) -> Option<String> {
        let ok = self.token.as_deref().is_some_and(|t| same(t, token));
        ok.then(|| self.open(&self.editor))
    }

    pub(crate) fn sign_in_with_password(&self, name: &str, password: &str) -> Option<String> {
        let users = self.users.as_ref()?;
        users.verify(name, password).then(|| self.open(name))
    }

    /// The open session `id`, marked as used now; `None` when there is
    /// none or it was idle too long (then it is closed).
    pub(crate) fn session(&self, id: &str) -> Option<Session> {
        self.session_at(id, std::time::Instant::now())
    }

    fn session_at(&self, id: &str, now: std::time::Instant) -> Option<Session> {
        let mut sessions = self.sessions.lock().expect("sessions");
        // Idle sessions of everyone are closed as they are met.
        sessions.retain(|_, s| now.saturating_duration_since(s.seen) < IDLE);
        let s = sessions.get_mut(id)?;
        s.seen = now;
        Some(s.clone())
    }

    /// Closes session `id` (signing out).
    pub(crate) fn close(&self, id: &str) {
        self.sessions.lock().expect("sessions").remove(id);
    }
}

/// The session cookie of a request.
pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .map(str::to_string)
}

/// `Set-Cookie` for a session.
pub(crate) fn cookie_header(id: &str) -> String {
    format!("{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/")
}

/// The header that removes the session cookie from the browser.
pub(crate) fn expired_cookie_header() -> String {
    format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

/// A parameter of a query string (percent-decoded).
pub(crate) fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| super::pages::url_decode(v))
    })
}

/// Whether a write comes from the desk's own pages: a browser says where a
/// request comes from (`Sec-Fetch-Site`, `Origin`); a request that says
/// nothing (a script on this machine) still needs the form's CSRF token.
pub(crate) fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            origin == format!("http://{host}")
        }
    }
}

/// The request's session, put there by the guard.
pub(crate) struct SessionExt(pub Session);

impl SessionExt {
    /// Refuses a form without this session's CSRF token.
    pub(crate) fn check_csrf(&self, token: &str) -> std::result::Result<(), Response> {
        if same(&self.0.csrf, token) {
            Ok(())
        } else {
            Err(super::refuse(
                StatusCode::FORBIDDEN,
                "This form is not from this session (reload the page and try again).",
            ))
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SessionExt {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> std::result::Result<Self, Response> {
        parts
            .extensions
            .get::<Session>()
            .cloned()
            .map(SessionExt)
            .ok_or_else(|| (StatusCode::UNAUTHORIZED, "no session").into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_against_their_hash_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users");
        std::fs::write(
            &path,
            format!(
                "# editors\namina:{}\n",
                hash_password("s3cret words").unwrap()
            ),
        )
        .unwrap();
        let users = Users::load(&path).unwrap();
        assert!(users.verify("amina", "s3cret words"));
        assert!(!users.verify("amina", "s3cret word"));
        assert!(!users.verify("lev", "s3cret words"));
        std::fs::write(&path, "amina:plaintext\n").unwrap();
        let err = Users::load(&path).unwrap_err().to_string();
        assert!(err.contains("users:1: not a password hash"), "{err}");
    }

    #[test]
    fn an_idle_session_closes_and_signing_out_closes_one() {
        let auth = Auth::new(None, "amina".into());
        let token = auth.token().unwrap().to_string();
        let a = auth.sign_in_with_token(&token).unwrap();
        let b = auth.sign_in_with_token(&token).unwrap();
        let now = std::time::Instant::now();
        // Used within the idle time: it stays open, and its clock restarts.
        assert!(auth.session_at(&a, now + IDLE / 2).is_some());
        assert!(auth.session_at(&a, now + IDLE / 2 + IDLE / 2).is_some());
        // `b` was not used for longer than that: closed.
        assert!(auth.session_at(&b, now + IDLE + IDLE / 4).is_none());
        auth.close(&a);
        assert!(auth.session(&a).is_none());
    }

    #[test]
    fn a_token_opens_a_session_only_when_it_is_the_one() {
        let auth = Auth::new(None, "amina".into());
        let token = auth.token().unwrap().to_string();
        assert_eq!(token.len(), 64);
        assert!(auth.sign_in_with_token("0".repeat(64).as_str()).is_none());
        let id = auth.sign_in_with_token(&token).unwrap();
        assert_eq!(auth.session(&id).unwrap().editor, "amina");
        assert!(auth.session("nosuch").is_none());
    }

    #[test]
    fn cross_site_writes_are_recognised() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h));
        h.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h));
        h.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        assert!(!same_origin(&h));
        h.remove(header::ORIGIN);
        h.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&h));
    }
}
