//! Session logs are judged and analysed by the analysis worker (crate
//! `pasv-lens-worker`), off the main thread; the log view renders the report
//! it posts back. Should the worker fail (a browser without module workers),
//! the same core calls run here instead.
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Reflect, Uint8Array};
use pasv_core::log::{self, ExchangeReport, LogReport, SummaryReport};
use pasv_core::Lang;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/analysis.js")]
extern "C" {
    /// Post a request to the worker (see analysis.js); a newer request stops older ones.
    fn request(task: &str, text: &Uint8Array, analysed: f64, control: &str, lang: &str, on_answer: &Function);
}

fn field(answer: &JsValue, name: &str) -> JsValue {
    Reflect::get(answer, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn kind(answer: &JsValue) -> String {
    field(answer, "kind").as_string().unwrap_or_default()
}

/// Text as UTF-8 bytes (the page sends bytes: a block copy, where a JS string
/// of megabytes needs a slow conversion on each side).
fn text_of(bytes: &Uint8Array) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_default()
}

/// Whether `text` is a session log, the core's judgment: `done` gets it
/// (false should the worker fail: the person can still choose to read the
/// text as one session, which analyses it here).
pub fn judge(text: Uint8Array, done: Function) {
    let on_answer = Closure::once_into_js(move |answer: JsValue| {
        let is_log = kind(&answer) == "judged" && field(&answer, "isLog").as_bool().unwrap_or(false);
        let _ = done.call1(&JsValue::NULL, &is_log.into());
    });
    request("judge", &text, 0.0, "", "", on_answer.unchecked_ref());
}

/// Exchanges the log view shows at first: shown as their batches arrive.
const FIRST_SCREEN: usize = 200;

/// What an analysis delivers: the report, the whole pasted text (the
/// redacted copy covers all of it) and the language.
pub struct Delivery {
    /// The core's report.
    pub report: LogReport,
    /// The whole pasted text.
    pub input: Rc<str>,
    /// Display language.
    pub lang: Lang,
}

/// The pasted text, kept for "copy a redacted log": its bytes, read into a
/// string in a task of its own (a 10 MB copy and check is not added to the
/// task that hands the text to the worker), or on first use if that comes
/// sooner.
struct Kept {
    bytes: Uint8Array,
    text: std::cell::OnceCell<Rc<str>>,
}

impl Kept {
    fn new(bytes: Uint8Array) -> Rc<Self> {
        let kept = Rc::new(Kept { bytes, text: Default::default() });
        let soon = Rc::downgrade(&kept);
        let read = Closure::once_into_js(move || {
            if let Some(kept) = soon.upgrade() {
                kept.text();
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(read.unchecked_ref());
        }
        kept
    }

    fn text(&self) -> Rc<str> {
        self.text.get_or_init(|| text_of(&self.bytes).into()).clone()
    }
}

/// The report being received.
struct Receiving {
    summary: Option<SummaryReport>,
    exchanges: Vec<ExchangeReport>,
}

/// What the worker's answers are handed to.
type OnAnswer = Closure<dyn FnMut(JsValue)>;

thread_local! {
    /// The answer handler of the current analysis (dropped when a newer one starts).
    static CURRENT: RefCell<Option<OnAnswer>> = const { RefCell::new(None) };
}

fn parse<T: serde::de::DeserializeOwned>(json: JsValue) -> Option<T> {
    serde_json::from_str(&json.as_string()?).ok()
}

/// Analyse the first `analysed` bytes of `text` as a session log in the
/// worker; `show` gets the report as it arrives: the verdict with the first
/// exchanges, more of the first screen batch by batch, then the whole.
pub fn analyse(text: Uint8Array, analysed: usize, control: String, lang: Lang, show: impl Fn(Delivery) + 'static) {
    // A copy to keep: the text itself moves to the worker.
    let kept = Kept::new(text.slice(0, text.length()));
    let receiving = RefCell::new(Receiving { summary: None, exchanges: Vec::new() });
    let fallback = {
        let (kept, control) = (kept.clone(), control.clone());
        move || {
            let input = kept.text();
            let head = input.get(..analysed).unwrap_or(&input);
            let report = log::report(&log::analyse_log(head, control.trim().parse().ok()), lang);
            Delivery { report, input: input.clone(), lang }
        }
    };
    let on_answer = OnAnswer::new(move |answer: JsValue| {
        let mut r = receiving.borrow_mut();
        let deliver = |summary: SummaryReport, exchanges: Vec<ExchangeReport>| {
            show(Delivery { report: LogReport { summary, exchanges }, input: kept.text(), lang })
        };
        match kind(&answer).as_str() {
            "report" => {
                let (Some(summary), Some(first)) = (parse::<SummaryReport>(field(&answer, "summary")), parse(field(&answer, "first")))
                else {
                    return show(fallback());
                };
                r.exchanges = first;
                let total = field(&answer, "exchanges").as_f64().unwrap_or(0.0) as usize;
                if let Some(rest) = total.checked_sub(r.exchanges.len()).filter(|&rest| rest > 0) {
                    r.exchanges.reserve(rest);
                    deliver(summary.clone(), r.exchanges.clone());
                }
                r.summary = Some(summary);
            }
            "exchanges" => match parse::<Vec<ExchangeReport>>(field(&answer, "json")) {
                Some(more) => {
                    r.exchanges.extend(more);
                    // The first screen grows batch by batch; the rest comes whole at the end.
                    let early = r.exchanges.len() <= FIRST_SCREEN;
                    if let Some(summary) = r.summary.as_ref().filter(|s| early && r.exchanges.len() < s.exchanges) {
                        deliver(summary.clone(), r.exchanges.clone());
                    }
                }
                None => r.summary = None,
            },
            "done" => match r.summary.take() {
                Some(summary) => deliver(summary, std::mem::take(&mut r.exchanges)),
                None => show(fallback()),
            },
            "failed" => show(fallback()),
            _ => {}
        }
    });
    request("analyse", &text, analysed as f64, &control, lang.code(), on_answer.as_ref().unchecked_ref());
    // Replacing the handler drops the previous analysis's: the request above
    // has already made the worker forget it.
    CURRENT.with(|current| current.replace(Some(on_answer)));
}
