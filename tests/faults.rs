//! The fault corpus: every way loading can fail, in a real browser. For each case the reader
//! must show its specific message (as an alert, with the JSON path where a field is at fault),
//! the retry button must load the article once the fault is gone, and a bystander reader on the
//! same page must keep working.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How a case's response is produced.
enum Fault {
    Json(u16, &'static str, String),
    Bytes(u16, &'static str, Vec<u8>),
    Network,
    Hang,
    Stalled,
    Declared(f64),
    Endless,
}

struct Case {
    name: &'static str,
    fault: Fault,
    options: &'static str,
    expect: &'static str,
}

fn json(status: u16, content_type: &'static str, body: impl Into<String>) -> Fault {
    Fault::Json(status, content_type, body.into())
}

fn seed_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
    edit(&mut doc);
    doc.to_string()
}

/// `depth` quotes, each the only block of the one around it, around a one-word paragraph.
fn quotes(depth: usize) -> serde_json::Value {
    let mut block = serde_json::json!({"type": "paragraph", "content": "innermost"});
    for _ in 0..depth {
        block = serde_json::json!({"type": "quote", "content": [block]});
    }
    block
}

/// What the not-found view says, the expectation of the cases that are not errors to retry.
const NOT_FOUND: &str = "页面不存在";

/// The number of cases in [`cases`], written out so that a lost case fails the test.
const CASES: usize = 43;

fn cases() -> Vec<Case> {
    let case = |name, fault, options, expect| Case {
        name,
        fault,
        options,
        expect,
    };
    let deep_arrays = "[".repeat(10_000) + &"]".repeat(10_000);
    let deep_objects = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
    let quotes_200 = seed_with(|d| d["body"].as_array_mut().unwrap().insert(0, quotes(200)));
    let quotes_9 = seed_with(|d| d["body"].as_array_mut().unwrap().insert(0, quotes(9)));
    let html_page = "<!doctype html><html><body><h1>Welcome</h1></body></html>";
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "{\"schemaVersion\": 1}".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    vec![
        // A missing document is shown as the not-found view (issue 9), not as an error.
        case("404", json(404, "text/html", html_page), "", NOT_FOUND),
        case(
            "500",
            json(500, "application/json", "{}"),
            "",
            "HTTP 500 Internal Server Error",
        ),
        case("502 empty", json(502, "", ""), "", "HTTP 502 Bad Gateway"),
        case(
            "503",
            json(503, "text/plain", "busy"),
            "",
            "HTTP 503 Service Unavailable",
        ),
        case(
            "401",
            json(401, "text/plain", "who?"),
            "",
            "HTTP 401 Unauthorized",
        ),
        case(
            "403",
            json(403, "text/plain", "no"),
            "",
            "HTTP 403 Forbidden",
        ),
        case("410", json(410, "text/plain", "gone"), "", NOT_FOUND),
        case(
            "429",
            json(429, "text/plain", "slow down"),
            "",
            "HTTP 429 Too Many Requests",
        ),
        case(
            "network error",
            Fault::Network,
            "",
            "Network error while loading",
        ),
        case(
            "timeout",
            Fault::Hang,
            r#", "timeoutMs": 100"#,
            "took longer than 100 ms",
        ),
        case(
            "stalled body",
            Fault::Stalled,
            r#", "timeoutMs": 100"#,
            "took longer than 100 ms",
        ),
        case(
            "HTML fallback page",
            json(200, "text/html; charset=utf-8", html_page),
            "",
            "but the server sent text/html",
        ),
        case(
            "text/plain",
            json(200, "text/plain", SEED),
            "",
            "but the server sent text/plain",
        ),
        case(
            "no content type",
            Fault::Bytes(200, "", SEED.as_bytes().to_vec()),
            "",
            "but the server sent no Content-Type",
        ),
        case(
            "octet-stream",
            json(200, "application/octet-stream", SEED),
            "",
            "application/octet-stream",
        ),
        case(
            "truncated JSON",
            json(200, "application/json", &SEED[..200]),
            "",
            "not valid JSON (line",
        ),
        case(
            "empty body",
            json(200, "application/json", ""),
            "",
            "not valid JSON (line 1, column 0)",
        ),
        case(
            "whitespace body",
            json(200, "application/json", " \n\t "),
            "",
            "not valid JSON",
        ),
        case(
            "HTML as JSON",
            json(200, "application/json", html_page),
            "",
            "not valid JSON (line 1, column 1)",
        ),
        case(
            "10,000-deep arrays",
            json(200, "application/json", deep_arrays),
            "",
            "recursion limit exceeded",
        ),
        case(
            "10,000-deep objects",
            json(200, "application/json", deep_objects),
            "",
            "recursion limit exceeded",
        ),
        case(
            // serde_json refuses anything nested deeper than 128 arrays and objects, and 200
            // quotes are 400 levels of JSON: this reaches serde's limit, not the quote limit.
            "200 nested quotes (JSON nesting past serde's limit of 128)",
            json(200, "application/json", quotes_200),
            "",
            "recursion limit exceeded",
        ),
        case(
            // One quote more than MAX_QUOTE_DEPTH (8); the path is that of the 9th quote.
            "9 nested quotes (the quote limit)",
            json(200, "application/json", quotes_9),
            "",
            "at $.body[0].content[0].content[0].content[0].content[0].content[0].content[0]\
             .content[0].content[0]: quotes nest deeper than 8 levels",
        ),
        case(
            "Content-Length of 50 MB (refused before reading a small body)",
            Fault::Declared(50.0 * 1024.0 * 1024.0),
            "",
            "larger than the limit for an article (1 MiB)",
        ),
        case(
            "endless body",
            Fault::Endless,
            "",
            "larger than the limit for an article (1 MiB)",
        ),
        case(
            "invalid UTF-8",
            Fault::Bytes(
                200,
                "application/json",
                b"{\"headline\": \"\xe4\xb8\"}".to_vec(),
            ),
            "",
            "not UTF-8 text (invalid byte sequence at byte 14)",
        ),
        case(
            "UTF-16",
            Fault::Bytes(200, "application/json", utf16),
            "",
            "not UTF-8 text (invalid byte sequence at byte 0)",
        ),
        case(
            "headline a number",
            json(
                200,
                "application/json",
                seed_with(|d| d["headline"] = 42.into()),
            ),
            "",
            "at $.headline: invalid type: integer `42`, expected a string",
        ),
        case(
            "body an object",
            json(
                200,
                "application/json",
                seed_with(|d| d["body"] = serde_json::json!({})),
            ),
            "",
            "at $.body: invalid type: map, expected a sequence",
        ),
        case(
            "content a number",
            json(
                200,
                "application/json",
                seed_with(|d| d["body"][0]["content"] = 7.into()),
            ),
            "",
            "at $.body[0].content: invalid type: integer `7`",
        ),
        case(
            "bold a string",
            json(
                200,
                "application/json",
                seed_with(|d| {
                    d["body"][2]["content"] = serde_json::json!([{"text": "x", "bold": "yes"}])
                }),
            ),
            "",
            "at $.body[2].content[0].bold: invalid type: string \"yes\", expected a boolean",
        ),
        case(
            "missing headline",
            json(
                200,
                "application/json",
                seed_with(|d| {
                    d.as_object_mut().unwrap().remove("headline");
                }),
            ),
            "",
            "at $: missing field `headline`",
        ),
        case(
            "missing date",
            json(
                200,
                "application/json",
                seed_with(|d| {
                    d.as_object_mut().unwrap().remove("datePublished");
                }),
            ),
            "",
            "at $: missing field `datePublished`",
        ),
        case(
            "bad date",
            json(
                200,
                "application/json",
                seed_with(|d| d["datePublished"] = "2020-07-01 10:14:37".into()),
            ),
            "",
            "at $.datePublished: expected an ISO 8601 date-time with an offset",
        ),
        case(
            "unknown block",
            json(
                200,
                "application/json",
                seed_with(|d| d["body"][0]["type"] = "video".into()),
            ),
            "",
            "at $.body[0].type: unknown block type `video`",
        ),
        case(
            "heading level 9",
            json(
                200,
                "application/json",
                seed_with(|d| d["body"][1]["level"] = 9.into()),
            ),
            "",
            "at $.body[1].level: heading level must be 2, 3 or 4",
        ),
        case(
            "crumb without name",
            json(
                200,
                "application/json",
                seed_with(|d| d["breadcrumb"][0] = serde_json::json!({"url": "/"})),
            ),
            "",
            "at $.breadcrumb[0]: missing field `name`",
        ),
        case(
            "schema version 3",
            json(
                200,
                "application/json",
                seed_with(|d| d["schemaVersion"] = 3.into()),
            ),
            "",
            "Unsupported article schema version 3",
        ),
        case(
            "schema version a string",
            json(
                200,
                "application/json",
                seed_with(|d| d["schemaVersion"] = "1".into()),
            ),
            "",
            "at $.schemaVersion: expected the number 1 or 2, found a string",
        ),
        case(
            "top-level array",
            json(200, "application/json", "[]"),
            "",
            "at $: expected an article object, found an array",
        ),
        case(
            "JSON null",
            json(200, "application/json", "null"),
            "",
            "expected an article object, found null",
        ),
        case(
            "HTML body of scripts only",
            json(
                200,
                "application/json",
                seed_with(|d| {
                    d.as_object_mut().unwrap().remove("body");
                    d["bodyHtml"] = "<script>alert(1)</script><style>p{}</style>".into();
                }),
            ),
            "",
            "at $.bodyHtml: the HTML body has no readable text",
        ),
        case(
            "body and bodyHtml",
            json(
                200,
                "application/json",
                seed_with(|d| d["bodyHtml"] = "<p>x</p>".into()),
            ),
            "",
            "at $.bodyHtml: give either `body` (blocks) or `bodyHtml`",
        ),
    ]
}

fn install(path: &str, fault: &Fault) {
    match fault {
        Fault::Json(status, content_type, body) => stub_json(path, *status, content_type, body),
        Fault::Bytes(status, content_type, bytes) => stub_bytes(path, *status, content_type, bytes),
        Fault::Network => stub_network_error(path),
        Fault::Hang => stub_hang(path),
        Fault::Stalled => stub_stalled_body(path),
        Fault::Declared(length) => stub_declared(path, *length),
        Fault::Endless => stub_endless(path),
    }
}

#[wasm_bindgen_test]
async fn every_fault_has_its_message_a_working_retry_and_spares_other_readers() {
    let (bystander, _keep) = bystander().await;
    let cases = cases();
    assert_eq!(cases.len(), CASES);
    for (i, case) in cases.iter().enumerate() {
        let path = format!("/t/fault-{i}.json");
        install(&path, &case.fault);
        let root = container();
        let _reader = mount_with(&root, &format!(r#"{{"src": "{path}"{}}}"#, case.options));
        if case.expect == NOT_FOUND {
            // Asking again cannot make a missing document exist: no retry, only ways on.
            let view = wait_for("the not-found view", || {
                root.query_selector(".ar-not-found").unwrap()
            })
            .await;
            assert_eq!(text(&one(&view, "h1")), NOT_FOUND, "{}", case.name);
            assert!(text(&view).contains(&path), "{}", case.name);
            assert!(root.query_selector(".ar-retry").unwrap().is_none());
            assert_still_works(&bystander).await;
            continue;
        }
        let message = wait_for_error(&root).await;
        assert!(
            message.contains(case.expect),
            "{}: {message:?} lacks {:?}",
            case.name,
            case.expect
        );
        assert_eq!(
            one(&root, ".ar-error").get_attribute("role").as_deref(),
            Some("alert")
        );

        // The fault goes away; retry loads the article.
        stub_json(&path, 200, "application/json", SEED);
        click(&one(&root, ".ar-retry"));
        let headline = wait_for_headline(&root).await;
        assert_eq!(
            headline, "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基",
            "{}",
            case.name
        );
        assert_still_works(&bystander).await;
    }
}

/// The limit of MAX_QUOTE_DEPTH (8) is reached and allowed: 8 nested quotes render, each inside
/// the one before. (9 are refused: see the "9 nested quotes" case.)
#[wasm_bindgen_test]
async fn eight_nested_quotes_render() {
    let article = seed_with(|d| d["body"].as_array_mut().unwrap().insert(0, quotes(8)));
    let (root, _reader) = show("/t/quotes-8.json", "application/json", &article).await;
    assert_eq!(all(&root, ".ar-quote").len(), 8);
    let innermost = one(&root, &["figure.ar-quote > blockquote"; 8].join(" > "));
    assert_eq!(text(&innermost), "innermost");
    assert!(innermost.query_selector(".ar-quote").unwrap().is_none());
}

const MIB: f64 = 1024.0 * 1024.0;

/// A 50 MB body with no Content-Length, streamed in chunks of 100,000 bytes: the reader stops
/// and cancels the stream as soon as the bytes pass the 1 MiB cap, so what it pulled is just
/// over the cap (the chunk that crossed it, plus at most the one the stream queues ahead), not
/// 50 MB.
#[wasm_bindgen_test]
async fn a_50_mb_stream_is_cancelled_just_past_the_cap() {
    let path = "/t/stream-50mb.json";
    let chunk = 100_000.0;
    stub_stream(path, chunk, 50.0 * 1000.0 * 1000.0);
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"src": "{path}"}}"#));
    let message = wait_for_error(&root).await;
    assert!(
        message.contains("larger than the limit for an article (1 MiB)"),
        "{message}"
    );
    wait_for("the stream to be cancelled", || {
        stream_cancelled(path).then_some(())
    })
    .await;
    let pulled = stream_pulled(path);
    assert!(
        pulled > MIB && pulled <= MIB + 2.0 * chunk,
        "pulled {pulled} bytes for a cap of {} bytes",
        MIB
    );
}

/// A small article padded with spaces to exactly `len` bytes.
fn article_of_length(len: usize) -> String {
    let article = r#"{"schemaVersion": 1, "inLanguage": "en", "headline": "Exactly at the cap",
        "datePublished": "2020-01-01T00:00:00Z", "body": [{"type": "paragraph", "content": "x"}]}"#;
    assert!(article.len() <= len);
    format!("{article}{}", " ".repeat(len - article.len()))
}

/// Mounts a reader with a `maxBytes` of 4096 on `path` and returns what it shows: the headline
/// or the error.
async fn load_capped(path: &str) -> Result<String, String> {
    let root = container();
    let _reader = mount_with(&root, &format!(r#"{{"src": "{path}", "maxBytes": 4096}}"#));
    wait_for("the headline or an error", || {
        root.query_selector(".ar-headline, .ar-error")
            .ok()
            .flatten()
    })
    .await;
    match root.query_selector(".ar-error-detail").unwrap() {
        Some(error) => Err(text(&error)),
        None => Ok(text(&one(&root, ".ar-headline"))),
    }
}

/// The byte cap is reached exactly: a body of `maxBytes` bytes is read (in chunks, with no
/// Content-Length, so the count of bytes read is what decides) and one byte more is refused.
#[wasm_bindgen_test]
async fn a_streamed_body_of_exactly_max_bytes_loads_and_one_byte_more_does_not() {
    stub_chunked("/t/cap-4096.json", &article_of_length(4096), 1000.0, -1.0);
    stub_chunked("/t/cap-4097.json", &article_of_length(4097), 1000.0, -1.0);
    assert_eq!(
        load_capped("/t/cap-4096.json").await.as_deref(),
        Ok("Exactly at the cap")
    );
    let refused = load_capped("/t/cap-4097.json")
        .await
        .expect_err("a streamed body of 4097 bytes must be refused");
    assert!(
        refused.contains("larger than the limit for an article (4 KiB)"),
        "{refused}"
    );
}

/// The same limit on the declared size: a Content-Length of `maxBytes` is accepted, and one of
/// `maxBytes` + 1 is refused before the body (here only 4096 bytes) is read.
#[wasm_bindgen_test]
async fn a_declared_length_of_exactly_max_bytes_loads_and_one_byte_more_does_not() {
    let body = article_of_length(4096);
    stub_chunked("/t/declared-4096.json", &body, 1000.0, 4096.0);
    stub_chunked("/t/declared-4097.json", &body, 1000.0, 4097.0);
    assert_eq!(
        load_capped("/t/declared-4096.json").await.as_deref(),
        Ok("Exactly at the cap")
    );
    let refused = load_capped("/t/declared-4097.json")
        .await
        .expect_err("a Content-Length of 4097 must be refused");
    assert!(
        refused.contains("larger than the limit for an article (4 KiB)"),
        "{refused}"
    );
}

#[wasm_bindgen_test]
async fn loading_another_article_cancels_the_one_in_flight() {
    stub_hang("/t/slow-first.json");
    stub_json("/t/second.json", 200, "application/json", READER_EN);
    let root = container();
    let mut reader = mount_with(&root, r#"{"src": "/t/slow-first.json"}"#);
    wait_for("the loading state", || {
        root.query_selector(".ar-loading").ok().flatten()
    })
    .await;
    reader
        .load(js_sys::JSON::parse(r#"{"src": "/t/second.json"}"#).unwrap())
        .unwrap_or_else(|_| panic!("load threw"));
    assert_eq!(
        wait_for_headline(&root).await,
        "The article reader: a fast, safe article view for any site"
    );
    assert!(
        was_aborted("/t/slow-first.json"),
        "the first request was aborted"
    );

    // Loading the same address again really reloads it.
    stub_json("/t/second.json", 200, "application/json", SEED);
    reader
        .load(wasm_bindgen::JsValue::from_str("/t/second.json"))
        .unwrap_or_else(|_| panic!("load threw"));
    // While the reload is under way the reader shows its loading state and no headline.
    wait_for("the reload", || {
        let headline = root.query_selector(".ar-headline").ok().flatten()?;
        (text(&headline) == "牢固树立大抓基层的鲜明导向 夯实党在西藏的执政根基").then_some(())
    })
    .await;
    assert_eq!(fetch_count("/t/second.json"), 2, "one request per load");

    reader.destroy();
    assert!(reader
        .load(wasm_bindgen::JsValue::from_str("/t/second.json"))
        .is_err());
}
