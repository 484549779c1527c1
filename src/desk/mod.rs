//! `pipeline serve`: the editors' desk, a local web app over the same
//! library workflows as the command line (DESIGN §9).
//!
//! Why it is built this way:
//! - **Local and closed by default.** It listens on 127.0.0.1; the printed
//!   URL carries a random token that, once visited, becomes a session cookie
//!   (HttpOnly, SameSite=Strict) and leaves the address bar. Every request
//!   needs the cookie; every write also needs the session's CSRF token in the
//!   form and no cross-site `Origin`/`Sec-Fetch-Site`. Another address needs
//!   `--users` (argon2 password hashes, each editor signs in).
//! - **Nothing leaves the machine.** Pages are rendered on the server (maud
//!   escapes every text), assets are compiled into the binary, and a
//!   Content-Security-Policy without remote sources forbids anything else.
//! - **No second set of rules.** Reads go through `retrieve`, `stats` and the
//!   index as `pipeline query`/`stats` do, and refuse stale codings the same
//!   way; writes go through [`crate::workflow::desk`], under the project
//!   lock, into `corpus/desk.sqlite`. Each request opens the index afresh, so
//!   a page never shows a state older than the last command's commit.
//! - **Blocking work off the async threads**: every library call runs in
//!   `spawn_blocking`.

mod auth;
mod pages;

use crate::error::{Error, Result};
use crate::project::Project;
use axum::Router;
use axum::extract::{Form, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;

pub use auth::{Users, hash_password};

/// How the desk is served.
#[derive(Debug, Clone)]
pub struct Options {
    /// Address to listen on (127.0.0.1 unless `--bind`).
    pub bind: SocketAddr,
    /// Editors who sign in with a password; required beyond loopback.
    pub users: Option<Users>,
    /// The editor the token session writes as (token mode).
    pub editor: String,
}

/// The shared state of a running desk.
pub(crate) struct Desk {
    pub(crate) project: Project,
    pub(crate) auth: auth::Auth,
    /// Hand-coding changes, to the one writer thread.
    writes: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

/// A change and where its outcome goes.
type Job = (
    crate::workflow::desk::Change,
    tokio::sync::oneshot::Sender<Result<crate::workflow::desk::Changed>>,
);

/// The one writer of a desk: it takes the changes that queued while it
/// applied the last ones and applies them together (one hold of the project
/// lock, one re-code of the documents they touch), so that many editors at
/// once do not each wait for a re-code of their own.
fn writer(project: Project, jobs: std::sync::mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while let Ok(more) = jobs.try_recv() {
            batch.push(more);
        }
        let changes: Vec<_> = batch.iter().map(|(c, _)| c.clone()).collect();
        match crate::workflow::desk::apply_changes(&project, &changes) {
            Ok(results) => {
                for ((_, reply), r) in batch.into_iter().zip(results) {
                    let _ = reply.send(r);
                }
            }
            Err(e) => {
                for (_, reply) in batch {
                    let _ = reply.send(Err(same_error(&e)));
                }
            }
        }
    }
}

/// The error of a batch, for each of its changes.
fn same_error(e: &Error) -> Error {
    match e {
        Error::Locked { path, holder } => Error::Locked {
            path: path.clone(),
            holder: holder.clone(),
        },
        Error::Outdated(m) => Error::Outdated(m.clone()),
        Error::Invalid(m) => Error::Invalid(m.clone()),
        Error::NoIndex(p) => Error::NoIndex(p.clone()),
        other => Error::Index(other.to_string()),
    }
}

impl Desk {
    /// Queues a change for the writer and waits for its outcome.
    async fn change(
        &self,
        change: crate::workflow::desk::Change,
    ) -> std::result::Result<crate::workflow::desk::Changed, Response> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let sent = self
            .writes
            .lock()
            .expect("writer queue")
            .send((change, tx))
            .is_ok();
        if !sent {
            return Err(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "The desk is stopping.",
            ));
        }
        match rx.await {
            Ok(Ok(done)) => Ok(done),
            Ok(Err(e)) => Err(error_page(&e)),
            Err(_) => Err(refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The writer stopped.",
            )),
        }
    }
}

type Shared = Arc<Desk>;

/// Serves the desk until Ctrl-C; `ready(url)` is called once it listens
/// (the URL holds the sign-in token in token mode).
pub fn serve(project: Project, options: Options, ready: impl FnOnce(&str)) -> Result<()> {
    if !options.bind.ip().is_loopback() && options.users.is_none() {
        return Err(Error::Invalid(format!(
            "--bind {} serves beyond this machine: give --users FILE too, so that every editor signs in",
            options.bind
        )));
    }
    crate::index::IndexStore::open(&project.index_dir())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("tokio runtime", e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| Error::io(options.bind.to_string(), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io(options.bind.to_string(), e))?;
        let auth = auth::Auth::new(options.users, options.editor);
        let url = match auth.token() {
            Some(token) => format!("http://{addr}/?token={token}"),
            None => format!("http://{addr}/"),
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let for_writer = project.clone();
        std::thread::Builder::new()
            .name("desk-writer".into())
            .spawn(move || writer(for_writer, rx))
            .map_err(|e| Error::io("desk writer thread", e))?;
        let desk = Arc::new(Desk {
            project,
            auth,
            writes: std::sync::Mutex::new(tx),
        });
        ready(&url);
        axum::serve(listener, router(desk))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::io(addr.to_string(), e))
    })
}

fn router(desk: Shared) -> Router {
    Router::new()
        .route("/", get(overview))
        .route("/doc", get(document))
        .route("/code", get(code))
        .route("/search", get(search))
        .route("/tables", get(tables))
        .route("/tables.csv", get(tables_csv))
        .route("/tables.svg", get(tables_svg))
        .route("/memos", get(memos))
        .route("/coding", post(add_coding))
        .route("/coding/withdraw", post(withdraw_coding))
        .route("/memo", post(add_memo))
        .route("/review", get(review_page))
        .route("/review/decide", post(decide))
        .route("/publish", post(publish))
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/assets/desk.css", get(css))
        .route("/assets/desk.js", get(js))
        .layer(middleware::from_fn_with_state(desk.clone(), guard))
        .with_state(desk)
}

/// Security on every request: the session (or the one-time token), the
/// CSRF check on writes, and the headers that keep a page local.
async fn guard(State(desk): State<Shared>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let public = path == "/signin" || path.starts_with("/assets/");
    let cookie = auth::session_cookie(req.headers());
    let session = cookie.as_deref().and_then(|c| desk.auth.session(c));
    let mut response = if public {
        next.run(req).await
    } else if let Some(token) = req
        .uri()
        .query()
        .and_then(|q| auth::query_param(q, "token"))
        .filter(|_| session.is_none())
    {
        match desk.auth.sign_in_with_token(&token) {
            Some(id) => {
                // The same page, without the token in the address bar.
                let rest: Vec<&str> = req
                    .uri()
                    .query()
                    .unwrap_or("")
                    .split('&')
                    .filter(|kv| !kv.starts_with("token=") && !kv.is_empty())
                    .collect();
                let target = if rest.is_empty() {
                    path.clone()
                } else {
                    format!("{path}?{}", rest.join("&"))
                };
                let mut r = Redirect::to(&target).into_response();
                r.headers_mut().insert(
                    header::SET_COOKIE,
                    HeaderValue::from_str(&auth::cookie_header(&id)).expect("ascii"),
                );
                r
            }
            None => refuse(StatusCode::UNAUTHORIZED, "This link's token is not valid."),
        }
    } else if let Some(session) = session {
        if req.method() != axum::http::Method::GET && !auth::same_origin(req.headers()) {
            refuse(
                StatusCode::FORBIDDEN,
                "A write from another site was refused.",
            )
        } else {
            let mut req = req;
            req.extensions_mut().insert(session);
            next.run(req).await
        }
    } else if desk.auth.has_users() {
        Redirect::to("/signin").into_response()
    } else {
        refuse(
            StatusCode::UNAUTHORIZED,
            "Open the address `pipeline serve` printed (it holds the access token).",
        )
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        // Not `no-referrer`: with it a browser sends `Origin: null` on the
        // desk's own form posts, and they would be refused as cross-site.
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, pages::message("Not allowed", message)).into_response()
}

/// Runs a blocking library call; a library error becomes a page saying it.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> std::result::Result<T, Response> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(error_page(&e)),
        Err(e) => Err((
            StatusCode::INTERNAL_SERVER_ERROR,
            pages::message("Error", &e.to_string()),
        )
            .into_response()),
    }
}

fn error_page(e: &Error) -> Response {
    let status = match e {
        Error::Invalid(_) | Error::Codebooks(_) => StatusCode::BAD_REQUEST,
        Error::Locked { .. } => StatusCode::SERVICE_UNAVAILABLE,
        Error::Outdated(_) | Error::NoIndex(_) => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, pages::message("Cannot do that", &e.to_string())).into_response()
}

type Page = std::result::Result<Response, Response>;

fn html(markup: maud::Markup) -> Response {
    axum::response::Html(markup.into_string()).into_response()
}

async fn overview(State(desk): State<Shared>, session: auth::SessionExt) -> Page {
    let project = desk.project.clone();
    let view = blocking(move || pages::Overview::load(&project)).await?;
    Ok(html(view.render(&session.0)))
}

#[derive(Deserialize)]
struct DocParams {
    id: String,
}

async fn document(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Query(p): Query<DocParams>,
) -> Page {
    let project = desk.project.clone();
    let view = blocking(move || pages::DocumentView::load(&project, &p.id)).await?;
    match view {
        Some(v) => Ok(html(v.render(&session.0))),
        None => Err((
            StatusCode::NOT_FOUND,
            pages::message("No such document", "That document is not in the index."),
        )
            .into_response()),
    }
}

#[derive(Deserialize)]
struct CodeParams {
    book: String,
    code: String,
    #[serde(default)]
    r#where: String,
}

async fn code(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Query(p): Query<CodeParams>,
) -> Page {
    let project = desk.project.clone();
    let view =
        blocking(move || pages::CodeView::load(&project, &p.book, &p.code, &p.r#where)).await?;
    Ok(html(view.render(&session.0)))
}

/// The search form's parameters.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct SearchParams {
    #[serde(default)]
    pub(crate) q: String,
    #[serde(default)]
    pub(crate) code: String,
    #[serde(default)]
    pub(crate) r#where: String,
    #[serde(default)]
    pub(crate) offset: usize,
    #[serde(default)]
    pub(crate) view: String,
    /// Only the results (for the live search of the page's script).
    #[serde(default)]
    pub(crate) part: Option<String>,
}

async fn search(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Query(p): Query<SearchParams>,
) -> Page {
    let project = desk.project.clone();
    let params = p.clone();
    let view = blocking(move || Ok(pages::SearchView::load(&project, &params))).await?;
    Ok(html(if p.part.is_some() {
        view.results()
    } else {
        view.render(&session.0)
    }))
}

#[derive(Deserialize)]
struct TableParams {
    #[serde(default)]
    by: String,
    #[serde(default)]
    kind: String,
}

async fn tables(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Query(p): Query<TableParams>,
) -> Page {
    let project = desk.project.clone();
    let view = blocking(move || pages::TablesView::load(&project, &p.by)).await?;
    Ok(html(view.render(&session.0)))
}

/// A file to download: its type, its name, its text.
fn download(content_type: &'static str, filename: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, filename),
        ],
        body,
    )
        .into_response()
}

async fn tables_csv(State(desk): State<Shared>, Query(p): Query<TableParams>) -> Page {
    let project = desk.project.clone();
    let csv = blocking(move || pages::TablesView::load(&project, &p.by)?.csv(&p.kind)).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        "attachment; filename=\"pipeline-table.csv\"",
        csv,
    ))
}

async fn tables_svg(State(desk): State<Shared>, Query(p): Query<TableParams>) -> Page {
    let project = desk.project.clone();
    let svg = blocking(move || pages::TablesView::load(&project, &p.by)?.svg(&p.kind)).await?;
    Ok(download(
        "image/svg+xml; charset=utf-8",
        "attachment; filename=\"pipeline-table.svg\"",
        svg,
    ))
}

#[derive(Deserialize)]
struct MemoSearch {
    #[serde(default)]
    q: String,
}

async fn memos(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Query(p): Query<MemoSearch>,
) -> Page {
    let project = desk.project.clone();
    let q = p.q.clone();
    let found = blocking(move || {
        Ok(
            match crate::human::HumanStore::open_existing(&project.corpus)? {
                Some(s) => s.search_memos(&q)?,
                None => Vec::new(),
            },
        )
    })
    .await?;
    Ok(html(pages::memos_page(&session.0, &p.q, &found)))
}

#[derive(Deserialize)]
struct CodingForm {
    csrf: String,
    doc: String,
    start: usize,
    end: usize,
    /// `codebook:code`.
    code: String,
    action: String,
}

async fn add_coding(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Form(f): Form<CodingForm>,
) -> Page {
    session.check_csrf(&f.csrf)?;
    let Some(action) = crate::human::Action::parse(&f.action) else {
        return Err(refuse(StatusCode::BAD_REQUEST, "Unknown action."));
    };
    let Some((book, code)) = f.code.split_once(':') else {
        return Err(refuse(StatusCode::BAD_REQUEST, "Choose a code."));
    };
    let (book, code) = (book.to_string(), code.to_string());
    let project = desk.project.clone();
    let doc = f.doc.clone();
    let passage =
        blocking(move || crate::workflow::desk::passage(&project, &f.doc, f.start, f.end)).await?;
    desk.change(crate::workflow::desk::Change::Code {
        passage,
        codebook: book,
        code,
        action,
        editor: session.0.editor.clone(),
    })
    .await?;
    Ok(Redirect::to(&format!("/doc?id={}", pages::url_encode(&doc))).into_response())
}

#[derive(Deserialize)]
struct WithdrawForm {
    csrf: String,
    id: i64,
    doc: String,
}

async fn withdraw_coding(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Form(f): Form<WithdrawForm>,
) -> Page {
    session.check_csrf(&f.csrf)?;
    desk.change(crate::workflow::desk::Change::Withdraw {
        id: f.id,
        editor: session.0.editor.clone(),
    })
    .await?;
    Ok(Redirect::to(&format!("/doc?id={}", pages::url_encode(&f.doc))).into_response())
}

#[derive(Deserialize)]
struct MemoForm {
    csrf: String,
    kind: String,
    #[serde(default)]
    doc: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    text: String,
}

async fn add_memo(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Form(f): Form<MemoForm>,
) -> Page {
    session.check_csrf(&f.csrf)?;
    let project = desk.project.clone();
    let editor = session.0.editor.clone();
    let back = match f.kind.as_str() {
        "code" => match f.code.split_once(':') {
            Some((b, c)) => format!(
                "/code?book={}&code={}",
                pages::url_encode(b),
                pages::url_encode(c)
            ),
            None => "/".into(),
        },
        _ => format!("/doc?id={}", pages::url_encode(&f.doc)),
    };
    blocking(move || {
        use crate::human::MemoTarget;
        let target = match (f.kind.as_str(), f.start, f.end) {
            ("document", _, _) => {
                // The document must be one of the index's.
                crate::workflow::desk::passage(&project, &f.doc, 0, 1)?;
                MemoTarget::Document { doc: f.doc.clone() }
            }
            ("passage", Some(s), Some(e)) => {
                MemoTarget::Passage(crate::workflow::desk::passage(&project, &f.doc, s, e)?)
            }
            ("code", _, _) => match f.code.split_once(':') {
                Some((b, c)) => MemoTarget::Code {
                    codebook: b.into(),
                    code: c.into(),
                },
                None => return Err(Error::Invalid("choose a code".into())),
            },
            _ => {
                return Err(Error::Invalid(
                    "a memo is on a document, a passage or a code".into(),
                ));
            }
        };
        crate::workflow::desk::write_memo(&project, &target, &f.text, &editor)
    })
    .await?;
    Ok(Redirect::to(&back).into_response())
}

#[derive(Deserialize)]
struct ReviewParams {
    #[serde(default)]
    bundle: String,
}

async fn review_page(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Query(p): Query<ReviewParams>,
) -> Page {
    let project = desk.project.clone();
    let view = blocking(move || pages::ReviewView::load(&project, &p.bundle)).await?;
    Ok(html(view.render(&session.0, None)))
}

#[derive(Deserialize)]
struct DecideForm {
    csrf: String,
    bundle: String,
    text: String,
    decision: String,
    #[serde(default)]
    kind: String,
}

async fn decide(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Form(f): Form<DecideForm>,
) -> Page {
    session.check_csrf(&f.csrf)?;
    use crate::anonymise::Kind;
    let kind = match f.kind.as_str() {
        "" | "name" => Kind::Name,
        "person" => Kind::Person,
        "place" => Kind::Place,
        "organisation" => Kind::Organisation,
        "other" => Kind::Other,
        _ => return Err(refuse(StatusCode::BAD_REQUEST, "Unknown kind.")),
    };
    let one = vec![f.text.clone()];
    let none: Vec<String> = Vec::new();
    let (keep, replace, register) = match f.decision.as_str() {
        "keep" => (one, none.clone(), none),
        "replace" => (none.clone(), one, none),
        "register" => (none.clone(), none, one),
        _ => return Err(refuse(StatusCode::BAD_REQUEST, "Unknown decision.")),
    };
    let project = desk.project.clone();
    blocking(move || crate::workflow::review::decide(&project, &keep, &replace, &register, kind))
        .await?;
    Ok(Redirect::to(&format!("/review?bundle={}", pages::url_encode(&f.bundle))).into_response())
}

#[derive(Deserialize)]
struct PublishForm {
    csrf: String,
    bundle: String,
    #[serde(default)]
    accept: Option<String>,
}

async fn publish(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    Form(f): Form<PublishForm>,
) -> Page {
    session.check_csrf(&f.csrf)?;
    let project = desk.project.clone();
    let name = f.bundle.clone();
    let accept = f.accept.is_some();
    // The same workflow, and so the same gates, as `pipeline bundle`.
    let outcome = tokio::task::spawn_blocking(move || {
        let profile = crate::workflow::review::profile(&project, &name)?;
        let date = crate::workflow::created(None)?;
        let published =
            crate::workflow::publish(&project, &profile, &date, accept, false, &|_, _| {})?;
        let view = pages::ReviewView::load(&project, &name)?;
        Ok::<_, Error>((published, view))
    })
    .await
    .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?;
    match outcome {
        Ok((p, view)) => Ok(html(view.render(
            &session.0,
            Some(&format!(
                "Published `{}`: {} excerpt(s) from {} document(s) in {}{}.",
                p.name,
                p.excerpts,
                p.documents,
                p.folder.display(),
                if p.unreviewed > 0 {
                    format!(
                        ", with {} unresolved review flag(s) (said in its manifest)",
                        p.unreviewed
                    )
                } else {
                    String::new()
                }
            )),
        ))),
        Err(e) => {
            let status = match e {
                Error::Refused(_) | Error::Leak { .. } => StatusCode::CONFLICT,
                _ => StatusCode::BAD_REQUEST,
            };
            Err((status, pages::message("Not published", &e.to_string())).into_response())
        }
    }
}

async fn signin_page(State(desk): State<Shared>) -> Page {
    if !desk.auth.has_users() {
        return Err(refuse(
            StatusCode::NOT_FOUND,
            "This desk signs in with the address `pipeline serve` printed.",
        ));
    }
    Ok(html(pages::signin(None)))
}

#[derive(Deserialize)]
struct SignIn {
    name: String,
    password: String,
}

async fn signin(State(desk): State<Shared>, headers: HeaderMap, Form(f): Form<SignIn>) -> Page {
    if !auth::same_origin(&headers) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "A sign-in from another site was refused.",
        ));
    }
    let d = desk.clone();
    let id =
        tokio::task::spawn_blocking(move || d.auth.sign_in_with_password(&f.name, &f.password))
            .await
            .ok()
            .flatten();
    match id {
        Some(id) => {
            let mut r = Redirect::to("/").into_response();
            r.headers_mut().insert(
                header::SET_COOKIE,
                HeaderValue::from_str(&auth::cookie_header(&id)).expect("ascii"),
            );
            Ok(r)
        }
        None => Err((
            StatusCode::UNAUTHORIZED,
            html(pages::signin(Some("Wrong name or password."))),
        )
            .into_response()),
    }
}

#[derive(serde::Deserialize)]
struct SignOut {
    csrf: String,
}

/// Closes the session (a form with its CSRF token, like every write).
async fn signout(
    State(desk): State<Shared>,
    session: auth::SessionExt,
    headers: HeaderMap,
    Form(f): Form<SignOut>,
) -> Page {
    session.check_csrf(&f.csrf)?;
    if let Some(id) = auth::session_cookie(&headers) {
        desk.auth.close(&id);
    }
    let mut r = pages::message(
        "Signed out",
        if desk.auth.has_users() {
            "You are signed out. Sign in again at /signin."
        } else {
            "You are signed out. Open the address `pipeline serve` printed to sign in again."
        },
    )
    .into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&auth::expired_cookie_header()).expect("ascii"),
    );
    Ok(r)
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("assets/desk.css"),
    )
        .into_response()
}

async fn js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("assets/desk.js"),
    )
        .into_response()
}
