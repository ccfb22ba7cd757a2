//! The derived result of the state: the core's reports for the input, capped
//! in size so a huge paste never freezes the page.
use std::rc::Rc;

use pasv_core::{report_all, Report};
use yew::Properties;

use crate::state::State;

/// Inputs beyond this many bytes are analysed only up to it (the text itself
/// stays whole in the textarea). Session logs are scanned in linear time, so
/// they get a larger allowance than lists of replies, whose reports all render.
pub const MAX_ANALYSED_BYTES: usize = 1024 * 1024;
/// The allowance for session logs.
pub const MAX_LOG_BYTES: usize = 16 * 1024 * 1024;
/// A text of this many lines or more waits for the core's log judgment
/// before it is shown.
pub const WAIT_LINES: usize = 20;

/// Reports for the current input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// Not analysed yet: a large input waits for its summary to be painted.
    pub pending: bool,
    /// The analysed text: the input, or its first `analysed_len` bytes.
    pub text: Rc<str>,
    /// One per reply or command.
    pub reports: Vec<Report>,
    /// The input is read as a session log (as the core judged it or the
    /// person chose): the on-demand log view analyses it.
    pub is_log: bool,
    /// The text the spans refer to (the analysed prefix of the input).
    pub analysed_len: usize,
    /// Total input length when it was cut.
    pub truncated_from: Option<usize>,
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
pub fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Analysis {
    /// Analyse the state's input.
    pub fn of(state: &State) -> Self {
        if state.input.trim().is_empty() {
            return Analysis::default();
        }
        // Whether it is a log comes from the core through the on-demand module
        // (the app asks). Until then a short text shows as replies, and a long
        // one waits rather than flashing hundreds of cards.
        let judged = state.is_log();
        let is_log = judged.unwrap_or(false);
        let waiting = judged.is_none() && (state.large || state.input.bytes().filter(|&b| b == b'\n').count() >= WAIT_LINES);
        // While waiting, nothing is said to be cut: a log is read further.
        let text = prefix(&state.input, if is_log || waiting { MAX_LOG_BYTES } else { MAX_ANALYSED_BYTES });
        let analysed_len = text.len();
        let truncated_from = (analysed_len < state.input.len()).then_some(state.input.len());
        // Shares the input when it is analysed whole (no copy of megabytes).
        let text: Rc<str> = if truncated_from.is_some() { text.into() } else { state.input.clone() };
        let pending = state.pending || waiting;
        let reports = if is_log || pending { Vec::new() } else { report_all(&text, &state.context(), state.lang) };
        Analysis { pending, text, reports, is_log, analysed_len, truncated_from }
    }
}

/// A shared text compared by identity. Hooks compare their dependencies
/// with `==`, and `Rc<str>` compares bytes (megabytes for a large paste,
/// many milliseconds each time) even when both sides are one allocation.
#[derive(Debug, Clone)]
pub struct SameText(pub Rc<str>);

impl PartialEq for SameText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Components that show the analysis.
#[derive(Properties)]
pub struct AnalysisProps {
    /// The shared analysis.
    pub analysis: Rc<Analysis>,
}

/// Each state change computes a new analysis: comparing the pointers is
/// enough, and spares the page the code of a deep comparison.
impl PartialEq for AnalysisProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis)
    }
}
