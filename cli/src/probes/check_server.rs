//! `ihanoi check-server URL`: which parts of an Open311 server the app can use.
//!
//! The server's profile is read from its discovery by the same code the sync
//! uses (`ServerProfile::from_discovery`), and each check is required or
//! optional *for that profile*: a plain GeoReport v2 server without sign-in
//! can be compatible, since the app then sends with the standard's personal
//! fields. Extension parameters are sent only where the profile offers them.
//!
//! Every probe is read-only or refused by design (a report with no category, a
//! refresh with a made-up token): nothing is created on the server and no SMS
//! is sent. The multipart probe carries a real JPEG under the part name the
//! app would use. The URL rule is the app's own (HTTPS, plain HTTP only on
//! loopback), and so are the TLS roots. Only with `--write SERVICE_CODE` is a
//! report created: the app's own code files one test report
//! ([`super::check_write`]) and its photo is looked for on the server.

use std::time::Duration;

use ihanoi_core::net::transport::{Endpoint, tls};
use ihanoi_core::server_profile::{Offer, ServerProfile};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::error::{CliError, CliResult};
use crate::output::Output;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Ok,
    Missing,
    Broken,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Missing => "missing",
            Verdict::Broken => "broken",
        }
    }
}

/// One row of the table.
struct Check {
    name: &'static str,
    endpoint: &'static str,
    /// Part of GeoReport v2 (or FixMyStreet's updates), or one of docs/city-api.md's extensions.
    standard: bool,
    /// Without it the app cannot send reports at all.
    required: bool,
    verdict: Verdict,
    detail: String,
}

struct Probe {
    client: Client,
    endpoint: Endpoint,
    api_key: String,
}

/// What came back, reduced to what the checks look at.
struct Reply {
    status: StatusCode,
    etag: Option<String>,
    json: Option<Value>,
}

impl Probe {
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<Reply, String> {
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status();
        let etag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = response.bytes().await.map_err(|e| e.to_string())?;
        Ok(Reply {
            status,
            etag,
            json: serde_json::from_slice(&bytes).ok(),
        })
    }

    fn url(&self, path: &str) -> reqwest::Url {
        self.endpoint.url(path).expect("paths are constants")
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Reply, String> {
        self.send(self.client.get(self.url(path)).query(query))
            .await
    }
}

fn is_error_array(json: &Option<Value>) -> bool {
    json.as_ref()
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .is_some_and(|e| e.get("code").is_some() && e.get("description").is_some())
}

/// An error written as one object (`{"code","detail"}`, `{"message"}`,
/// `{"error"}`): not the standard's shape, but the app reads it.
fn is_error_object(json: &Option<Value>) -> bool {
    json.as_ref().and_then(Value::as_object).is_some_and(|o| {
        ["detail", "message", "error", "description"]
            .iter()
            .any(|k| o.contains_key(*k))
    })
}

/// 404 / 405 / 501: the server does not have it. Anything else unexpected: broken.
fn absent(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_IMPLEMENTED
    )
}

fn judge(
    reply: Result<Reply, String>,
    good: impl FnOnce(&Reply) -> Result<String, String>,
) -> (Verdict, String) {
    match reply {
        Err(e) => (Verdict::Broken, e),
        Ok(r) if absent(r.status) => (Verdict::Missing, format!("HTTP {}", r.status.as_u16())),
        Ok(r) => match good(&r) {
            Ok(detail) => (Verdict::Ok, detail),
            Err(detail) => (
                Verdict::Broken,
                format!("HTTP {}: {detail}", r.status.as_u16()),
            ),
        },
    }
}

fn json_array(r: &Reply, what: &str) -> Result<usize, String> {
    if !r.status.is_success() {
        return Err(format!("expected 200 with {what}"));
    }
    r.json
        .as_ref()
        .and_then(Value::as_array)
        .map(Vec::len)
        .ok_or_else(|| format!("not a JSON array of {what}"))
}

pub fn run(url: &str, api_key: Option<&str>, write: Option<&str>, out: &Output) -> CliResult<()> {
    let endpoint = Endpoint::parse(url)
        .map_err(|e| ihanoi_core::Error::Sync(ihanoi_core::net::SyncError::Transport(e)))?;
    let client = Client::builder()
        .tls_backend_preconfigured(
            tls::client_config(None)
                .map_err(|e| ihanoi_core::Error::Sync(ihanoi_core::net::SyncError::Transport(e)))?,
        )
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("iHaNoi-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| CliError::Unreachable {
            detail: e.to_string(),
        })?;
    let probe = Probe {
        client,
        endpoint,
        api_key: api_key.unwrap_or("").to_owned(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::file("tokio runtime", e))?;
    let (profile, mut checks) = runtime.block_on(checks(&probe))?;
    if let Some(service_code) = write {
        let (_, written) = super::check_write::file_test_report(url, &probe.api_key, service_code)?;
        checks.extend(runtime.block_on(written_checks(&probe, written)));
    }
    print(&profile, &checks, out);
    let failing: Vec<String> = checks
        .iter()
        .filter(|c| c.required && c.verdict != Verdict::Ok)
        .map(|c| c.name.to_owned())
        .collect();
    if failing.is_empty() {
        Ok(())
    } else {
        Err(CliError::ServerIncompatible { failing })
    }
}

async fn checks(p: &Probe) -> CliResult<(ServerProfile, Vec<Check>)> {
    let mut checks = Vec::new();
    let mut push = |name, endpoint, standard, required, (verdict, detail): (Verdict, String)| {
        checks.push(Check {
            name,
            endpoint,
            standard,
            required,
            verdict,
            detail,
        })
    };

    // Discovery first: if nothing answers, say so instead of a table of errors.
    let discovery = p.get("/discovery.json", &[]).await;
    if let Err(detail) = &discovery {
        return Err(CliError::Unreachable {
            detail: detail.clone(),
        });
    }
    let extensions = discovery
        .as_ref()
        .ok()
        .and_then(|r| r.json.as_ref())
        .and_then(|j| j.get("extensions"))
        .cloned()
        .unwrap_or(Value::Null);
    // What the sync would make of this server.
    let base = p.endpoint.base().as_str().to_owned();
    let profile = match discovery.as_ref().ok().and_then(|r| r.json.as_ref()) {
        Some(document) if discovery.as_ref().is_ok_and(|r| r.status.is_success()) => {
            ServerProfile::from_discovery(&base, document, 0)
        }
        _ => ServerProfile::plain(&base, false, 0),
    };
    push(
        "discovery",
        "GET /discovery.json",
        true,
        false,
        judge(discovery, |r| {
            r.json
                .as_ref()
                .and_then(|j| j.get("endpoints"))
                .and_then(Value::as_array)
                .map(|e| format!("{} endpoint(s)", e.len()))
                .ok_or_else(|| "no endpoints list".into())
        }),
    );

    let services = p.get("/services.json", &[]).await;
    let services_etag = services.as_ref().ok().and_then(|r| r.etag.clone());
    push(
        "services",
        "GET /services.json",
        true,
        true,
        judge(services, |r| {
            let n = json_array(r, "services")?;
            let coded = r.json.as_ref().and_then(Value::as_array).is_some_and(|a| {
                a.iter()
                    .all(|s| s.get("service_code").is_some_and(Value::is_string))
            });
            if n == 0 || !coded {
                return Err("no services with a service_code".into());
            }
            Ok(format!("{n} categories"))
        }),
    );

    push(
        "requests (list)",
        "GET /requests.json",
        true,
        false,
        judge(p.get("/requests.json", &[]).await, |r| {
            json_array(r, "requests").map(|n| format!("{n} request(s)"))
        }),
    );

    // The app's POST shape, without creating anything: no service_code must be
    // refused with the standard's error array.
    let form = [("api_key", p.api_key.as_str())];
    let post = p
        .send(p.client.post(p.url("/requests.json")).form(&form))
        .await;
    push(
        "requests (create)",
        "POST /requests.json",
        true,
        true,
        judge(post, refused_with_error_array),
    );

    // A real JPEG under the part name the app would use, still without a
    // service_code: refused, so nothing is created.
    let field = profile.media_field.clone();
    let jpeg = probe_jpeg()?;
    let part = reqwest::multipart::Part::bytes(jpeg)
        .file_name("probe.jpg")
        .mime_str("image/jpeg")
        .expect("a constant type");
    let multipart = reqwest::multipart::Form::new()
        .text("api_key", p.api_key.clone())
        .part(field.clone(), part);
    let post = p
        .send(p.client.post(p.url("/requests.json")).multipart(multipart))
        .await;
    // Required where the server takes uploads: the app sends every report's
    // photos. Where discovery says it takes none, the app sends reports
    // without them and tells the resident so before queueing.
    push(
        leak(format!("photos in the request (multipart {field})")),
        "POST /requests.json multipart",
        false,
        profile.uploads != Offer::NotOffered,
        match post {
            _ if profile.uploads == Offer::NotOffered => (
                Verdict::Missing,
                "discovery offers no uploads (media_url only): reports go without photos, \
                 and residents are told so before queueing"
                    .into(),
            ),
            Ok(r) if r.status == StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                (Verdict::Missing, "HTTP 415: multipart not accepted".into())
            }
            // Refused for the missing category, as it should be, unless the
            // refusal names the photo part: then every real report would be
            // refused too (a strict server that reads another part name).
            other => judge(other, |r| {
                let said = error_text(r);
                if said.contains(field.as_str()) {
                    return Err(format!("the photo part {field} is refused: {said}"));
                }
                refused_with_error_array(r)
            }),
        },
    );

    let idempotent = extensions.get("client_request_id").is_some();
    push(
        "idempotency (client_request_id)",
        "discovery extensions",
        false,
        false,
        if idempotent {
            (Verdict::Ok, "advertised: exactly-once sending".into())
        } else {
            (
                Verdict::Missing,
                "not advertised: a resend after a lost answer may duplicate (at-least-once)".into(),
            )
        },
    );

    // The extension's parameters only where the profile has the extension
    // (a strict server refuses parameters it does not define).
    let updates_query: &[(&str, &str)] = if profile.updates == Offer::Offered {
        &[("after", "0"), ("limit", "1")]
    } else {
        &[]
    };
    push(
        "request updates",
        "GET /servicerequestupdates.json",
        true,
        false,
        match judge(
            p.get("/servicerequestupdates.json", updates_query).await,
            |r| json_array(r, "updates").map(|_| "timeline available".into()),
        ) {
            (Verdict::Missing, detail) => (
                Verdict::Missing,
                format!("{detail}: statuses are polled from GET /requests instead"),
            ),
            other => other,
        },
    );

    let areas = p.get("/areas.json", &[]).await;
    let areas_etag = areas.as_ref().ok().and_then(|r| r.etag.clone());
    push(
        "areas",
        "GET /areas.json",
        false,
        false,
        judge(areas, |r| {
            let features = r
                .json
                .as_ref()
                .filter(|j| j.get("type").and_then(Value::as_str) == Some("FeatureCollection"))
                .and_then(|j| j.get("features"))
                .and_then(Value::as_array)
                .ok_or("not a GeoJSON FeatureCollection")?;
            Ok(format!("{} units", features.len()))
        }),
    );

    push(
        "alerts",
        "GET /alerts.json",
        false,
        false,
        judge(
            p.get(
                "/alerts.json",
                if profile.alerts == Offer::Offered {
                    &[("after", "0")]
                } else {
                    &[]
                },
            )
            .await,
            |r| json_array(r, "alerts").map(|n| format!("{n} live alert(s)")),
        ),
    );

    // A made-up refresh token: refused with 401 by a server that has sign-in.
    let refresh = [
        ("api_key", p.api_key.as_str()),
        ("grant_type", "refresh_token"),
        ("refresh_token", "0000000000000000"),
    ];
    let auth = p
        .send(p.client.post(p.url("/auth/token")).form(&refresh))
        .await;
    // Required only where the server has it: without it the app sends
    // with the standard's personal fields.
    let sign_in = profile.sign_in == Offer::Offered;
    push(
        if sign_in {
            "resident sign-in"
        } else {
            "resident sign-in (not offered: reports carry the resident's contact fields)"
        },
        "POST /auth/code, /auth/token",
        false,
        sign_in,
        judge(auth, |r| {
            if r.status == StatusCode::UNAUTHORIZED && is_error_array(&r.json) {
                Ok("a made-up token is refused with 401".into())
            } else if r.status == StatusCode::UNAUTHORIZED && is_error_object(&r.json) {
                Ok("a made-up token is refused with 401 (non-standard error object)".into())
            } else {
                Err("expected 401 with an error array for a made-up token".into())
            }
        }),
    );

    let mut etags = Vec::new();
    for (path, etag) in [
        ("/services.json", services_etag),
        ("/areas.json", areas_etag),
    ] {
        let Some(etag) = etag else { continue };
        let again = p
            .send(
                p.client
                    .get(p.url(path))
                    .header(reqwest::header::IF_NONE_MATCH, etag),
            )
            .await;
        etags.push(matches!(again, Ok(r) if r.status == StatusCode::NOT_MODIFIED));
    }
    push(
        "ETag / 304",
        "If-None-Match on /services, /areas",
        false,
        false,
        match (etags.is_empty(), etags.iter().all(|ok| *ok)) {
            (true, _) => (
                Verdict::Missing,
                "no ETag sent: every refresh downloads again".into(),
            ),
            (false, true) => (Verdict::Ok, "304 Not Modified".into()),
            (false, false) => (
                Verdict::Broken,
                "ETag sent but If-None-Match ignored".into(),
            ),
        },
    );
    Ok((profile, checks))
}

/// The rows `--write` adds: the test report filed by the app's own code, and
/// whether its photo is on the server afterwards (`media_url`).
async fn written_checks(p: &Probe, written: super::check_write::Written) -> Vec<Check> {
    use super::check_write::Written;
    let row = |name, required, verdict, detail: String| Check {
        name,
        endpoint: "POST /requests.json (the app's request)",
        standard: true,
        required,
        verdict,
        detail,
    };
    match written {
        Written::NeedsSignIn => vec![row(
            "test report (--write)",
            false,
            Verdict::Missing,
            "not written: this server has resident sign-in; file the test from the app".into(),
        )],
        Written::Failed(why) => vec![row("test report (--write)", true, Verdict::Broken, why)],
        Written::Created { id, photo } => {
            let mut rows = vec![row(
                "test report (--write)",
                true,
                Verdict::Ok,
                format!("created as {id}, labelled as a test"),
            )];
            if photo.is_some() {
                let path = format!("/requests/{id}.json");
                let verdict = match p.get(&path, &[]).await {
                    Ok(r) => {
                        let media = r
                            .json
                            .as_ref()
                            .and_then(Value::as_array)
                            .and_then(|a| a.first())
                            .and_then(|item| item.get("media_url"))
                            .and_then(Value::as_str)
                            .is_some_and(|u| !u.is_empty());
                        if media {
                            (Verdict::Ok, "the photo arrived (media_url)".into())
                        } else {
                            (
                                Verdict::Broken,
                                "created without its photo: the server dropped the part".into(),
                            )
                        }
                    }
                    Err(e) => (Verdict::Broken, format!("{path}: {e}")),
                };
                rows.push(Check {
                    endpoint: "GET /requests/{id}.json",
                    ..row("test report's photo (--write)", true, verdict.0, verdict.1)
                });
            }
            rows
        }
    }
}

/// The descriptions of an error answer, whatever its shape.
fn error_text(r: &Reply) -> String {
    let Some(json) = &r.json else {
        return String::new();
    };
    let items: Vec<&Value> = match json.as_array() {
        Some(items) => items.iter().collect(),
        None => vec![json],
    };
    items
        .iter()
        .filter_map(|e| {
            ["description", "detail", "message", "error"]
                .iter()
                .find_map(|k| e.get(*k).and_then(Value::as_str))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A check's name made at run time lives as long as the process (a few per run).
fn leak(name: String) -> &'static str {
    Box::leak(name.into_boxed_str())
}

/// A small real JPEG, encoded by the app's own encoder.
fn probe_jpeg() -> CliResult<Vec<u8>> {
    let image = ihanoi_core::photos::image::RgbImage {
        width: 16,
        height: 16,
        pixels: vec![128; 16 * 16 * 3],
    };
    ihanoi_core::photos::encode::encode(&image, 80).map_err(|e| ihanoi_core::Error::from(e).into())
}

fn refused_with_error_array(r: &Reply) -> Result<String, String> {
    match r.status {
        s if s.is_success() => Err("an empty report was accepted".into()),
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
            Err("api_key refused: pass the app's key with --api-key".into())
        }
        StatusCode::BAD_REQUEST if is_error_array(&r.json) => {
            Ok("400 with the standard error array".into())
        }
        // It refuses what it should and says why, in its own shape: the app
        // reads that shape too, so this works.
        StatusCode::BAD_REQUEST if is_error_object(&r.json) => {
            Ok("works, non-standard errors (one object instead of the array)".into())
        }
        _ => Err("expected 400 with [{code, description}]".into()),
    }
}

/// What the sync would make of the server, as `check-server` shows it.
fn profile_json(profile: &ServerProfile) -> Value {
    let offer = |o: Offer| match o {
        Offer::Offered => "offered",
        Offer::NotOffered => "not_offered",
        Offer::Unknown => "unknown",
    };
    json!({
        "discovery": profile.discovery,
        "sign_in": offer(profile.sign_in),
        "idempotency": profile.idempotency,
        "updates": offer(profile.updates),
        "alerts": offer(profile.alerts),
        "areas": offer(profile.areas),
        "uploads": offer(profile.uploads),
        "near_search": offer(profile.near_search),
        "media_field": profile.media_field,
        "report_attributes": profile.report_attributes,
    })
}

fn print(profile: &ServerProfile, checks: &[Check], out: &Output) {
    if out.is_json() {
        let rows: Vec<Value> = checks
            .iter()
            .map(|c| {
                json!({
                    "name": c.name,
                    "endpoint": c.endpoint,
                    "kind": if c.standard { "standard" } else { "extension" },
                    "required": c.required,
                    "result": c.verdict.as_str(),
                    "detail": c.detail,
                })
            })
            .collect();
        let compatible = checks
            .iter()
            .all(|c| !c.required || c.verdict == Verdict::Ok);
        out.json(&json!({
            "compatible": compatible,
            "profile": profile_json(profile),
            "checks": rows,
        }));
        return;
    }
    let sends = if profile.sign_in == Offer::Offered {
        out.t(
            "gửi khi cư dân đã đăng nhập",
            "sends under the resident's sign-in",
        )
    } else {
        out.t(
            "gửi kèm thông tin liên hệ của cư dân (không có đăng nhập)",
            "sends with the resident's contact fields (no sign-in)",
        )
    };
    println!(
        "{}: {} · {} · {}",
        out.t("Hồ sơ máy chủ", "Server profile"),
        if profile.sign_in == Offer::Offered
            || profile.idempotency
            || profile.updates == Offer::Offered
            || profile.alerts == Offer::Offered
        {
            out.t("có phần mở rộng của iHaNoi", "with iHaNoi's extensions")
        } else {
            out.t("GeoReport v2 cơ bản", "plain GeoReport v2")
        },
        sends,
        if profile.idempotency {
            out.t(
                "gửi đúng một lần (client_request_id)",
                "exactly once (client_request_id)",
            )
        } else {
            out.t("tra cứu trước khi gửi lại", "looked up before a resend")
        },
    );
    let kind = |c: &Check| {
        if c.standard {
            out.t("chuẩn", "standard")
        } else {
            out.t("mở rộng", "extension")
        }
    };
    println!(
        "{:<8} {:<42} {:<10} {:<9} {}",
        out.t("kết quả", "result"),
        out.t("chức năng", "capability"),
        out.t("loại", "kind"),
        out.t("app cần", "app needs"),
        out.t("chi tiết", "detail")
    );
    for c in checks {
        println!(
            "{:<8} {:<42} {:<10} {:<9} {}",
            c.verdict.as_str(),
            c.name,
            kind(c),
            if c.required {
                out.t("bắt buộc", "required")
            } else {
                out.t("nên có", "optional")
            },
            c.detail
        );
    }
}
