//! The analysis worker: judges whether a text is a session log and analyses
//! it, off the page's main thread, with the core alone. The log view (crate
//! `pasv-lens-extras`) renders what it posts back.
//!
//! Requests (objects posted by the page): `{ job, task: "judge", text }` and
//! `{ job, task: "analyse", text, analysed, control, lang }`, `text` as UTF-8
//! bytes (a `Uint8Array`). Answers, each
//! with its `job`:
//! - `{ kind: "ready" }` once, when the worker can take requests;
//! - `{ kind: "judged", isLog }`;
//! - `{ kind: "report", summary, first, exchanges, ms }`: the summary (with
//!   the verdict) and the first 50 exchanges as JSON, how many there are, and
//!   how long the analysis took (read by tests/e2e/perf/log-timing.mjs);
//! - `{ kind: "exchanges", json }`: the following exchanges, in order;
//! - `{ kind: "done" }`.
//!
//! The page stops a stale request by terminating the worker: one analysis is
//! one pass of the core, with no point in between to look for a newer request.
#![forbid(unsafe_code)]

use pasv_core::log::{self, ExchangeReport};
use pasv_core::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Exchanges per message until the log view's first screen (200 rows) is
/// complete: the view renders each batch as it comes, and rendering 200 rows
/// at once is a long task (over 50 ms) on a slow machine.
const SCREEN_CHUNK: usize = 50;
/// The log view's first screen.
const SCREEN: usize = 200;
/// Exchanges per later message: each is parsed on the main thread in one
/// go, so it must stay well under a long task.
const CHUNK: usize = 500;

fn field(request: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(request, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn post(scope: &DedicatedWorkerGlobalScope, job: &JsValue, kind: &str, fields: &[(&str, JsValue)]) {
    let answer = js_sys::Object::new();
    let set = |name: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&answer, &name.into(), value);
    };
    set("job", job);
    set("kind", &kind.into());
    for (name, value) in fields {
        set(name, value);
    }
    let _ = scope.post_message(&answer);
}

fn json(exchanges: &[ExchangeReport]) -> JsValue {
    serde_json::to_string(exchanges).unwrap_or_default().into()
}

/// The prefix of `text` of at most `max` bytes that ends on a char boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn answer(scope: &DedicatedWorkerGlobalScope, request: &JsValue) {
    let job = field(request, "job");
    // UTF-8 bytes (a block copy to send, where a string needs conversions).
    let text = String::from_utf8(js_sys::Uint8Array::new(&field(request, "text")).to_vec()).unwrap_or_default();
    match field(request, "task").as_string().as_deref() {
        Some("judge") => post(scope, &job, "judged", &[("isLog", log::looks_like_log(&text).into())]),
        Some("analyse") => {
            let analysed = field(request, "analysed").as_f64().map_or(text.len(), |n| n as usize);
            let control = field(request, "control").as_string().and_then(|c| c.trim().parse().ok());
            let lang = field(request, "lang").as_string().and_then(|l| Lang::from_code(&l)).unwrap_or(Lang::En);
            let start = js_sys::Date::now();
            let analysis = log::analyse_log(prefix(&text, analysed), control);
            let report = log::report(&analysis, lang);
            let ms = js_sys::Date::now() - start;
            let all = &report.exchanges;
            let first = all.len().min(SCREEN_CHUNK);
            let summary = serde_json::to_string(&report.summary).unwrap_or_default();
            let fields = [("summary", summary.into()), ("first", json(&all[..first])), ("exchanges", all.len().into()), ("ms", ms.into())];
            post(scope, &job, "report", &fields);
            let screen = all.len().clamp(first, SCREEN);
            for chunk in all[first..screen].chunks(SCREEN_CHUNK).chain(all[screen..].chunks(CHUNK)) {
                post(scope, &job, "exchanges", &[("json", json(chunk))]);
            }
            post(scope, &job, "done", &[]);
        }
        _ => {}
    }
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let onmessage = {
        let scope = scope.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| answer(&scope, &event.data()))
    };
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    onmessage.forget();
    post(&scope, &JsValue::NULL, "ready", &[]);
}

#[cfg(test)]
mod tests {
    use super::prefix;

    #[test]
    fn prefixes_end_on_a_char_boundary() {
        assert_eq!(prefix("abc", 2), "ab");
        assert_eq!(prefix("aé", 2), "a");
        assert_eq!(prefix("abc", 9), "abc");
    }
}
