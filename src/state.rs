//! The page's one piece of state and the actions that change it (the
//! `function_todomvc` shape). Results are derived from it, never stored.
use std::rc::Rc;

use pasv_core::{Command, Context, Lang};
use yew::prelude::*;

use crate::browser;

/// One entry of the examples strip.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Example {
    /// Button label.
    pub label: pasv_core::Msg,
    /// The text loaded into the input.
    pub reply: &'static str,
    /// The control connection IP loaded with it.
    pub control: &'static str,
}

/// Typical situations a first-time visitor or a class can start from. The
/// addresses are documentation ranges (RFC 5737, RFC 3849) or private ones.
pub const EXAMPLES: &[Example] = &[
    Example { label: pasv_core::Msg::ExampleTypical, reply: "227 Entering Passive Mode (198,51,100,20,195,80).", control: "198.51.100.20" },
    Example { label: pasv_core::Msg::ExampleNat, reply: "227 Entering Passive Mode (10,0,0,12,156,64).", control: "203.0.113.10" },
    Example { label: pasv_core::Msg::ExampleEpsv, reply: "229 Entering Extended Passive Mode (|||50006|)", control: "203.0.113.10" },
    Example { label: pasv_core::Msg::ExampleEpsvBang, reply: "229 Entering Extended Passive Mode (!!!9447!).", control: "203.0.113.10" },
    Example { label: pasv_core::Msg::ExampleEprtV6, reply: "EPRT |2|2001:db8::7|5282|", control: "2001:db8::7" },
    Example { label: pasv_core::Msg::ExampleRefusal, reply: "EPSV\n522 Network protocol not supported, use (1)", control: "" },
    Example { label: pasv_core::Msg::ExampleMalformed, reply: "227 Entering Passive Mode (192,168,1,2,300,5)", control: "" },
];

/// The longest input kept in the permalink (`?reply=`).
pub const MAX_PERMALINK_BYTES: usize = 4096;

/// Texts longer than this (pasted, dropped or opened) are held in memory and
/// summarised instead of being put into the text area: Chromium needs seconds
/// to lay out megabytes of text in a `<textarea>`, and freezes meanwhile.
pub const LARGE_INPUT_BYTES: usize = 256 * 1024;

/// Copy feedback shown next to "Copy link".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyStatus {
    /// Nothing to show.
    Idle,
    /// Copied; the text was left out of the link when this says why.
    Copied(Option<LeftOut>),
    /// The clipboard refused.
    Failed,
}

/// Why the text stays out of the URL and of "Copy link".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// Over [`MAX_PERMALINK_BYTES`].
    TooLong,
    /// A `USER`, `PASS` or `ACCT` command (see [`has_credentials`]).
    Credentials,
    /// A session log.
    Log,
}

/// Whether `text` has a `USER`, `PASS` or `ACCT` word followed by an
/// argument, in any case and after any log tag (`Command:\tPASS x`,
/// `> pass x`, `*cmd* 'PASS x'`). Such a text never goes into a URL. It errs
/// on the safe side: "230 User logged in" counts too.
pub fn has_credentials(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        // ASCII letters in lower case (`| 32` maps no other byte to a letter).
        let word = b.get(i..i + 4).map(|w| [w[0] | 32, w[1] | 32, w[2] | 32, w[3] | 32]);
        (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && matches!(word.as_ref(), Some(b"user" | b"pass" | b"acct"))
            && matches!(b.get(i + 4), Some(b' ' | b'\t'))
    })
}

/// The IP address in a field, ignoring spaces around it.
pub fn parse_ip(field: &str) -> Option<std::net::IpAddr> {
    field.trim().parse().ok()
}

/// Where the decoder lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The full page: owns the URL, the title and the saved language.
    #[default]
    Page,
    /// `?embed=1` inside an iframe: decoder and results only; reports its
    /// height to the parent page.
    Frame,
    /// Mounted into an element of another page: touches nothing global.
    Widget,
}

/// What a widget or the URL starts with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Initial {
    /// `reply`
    pub reply: Option<String>,
    /// `control`
    pub control: Option<String>,
    /// `sent`
    pub sent: Option<Command>,
    /// `lang`
    pub lang: Option<Lang>,
}

/// Presentation state: what the person typed and chose.
#[derive(Debug, Clone)]
pub struct State {
    /// Where the decoder lives (fixed for its lifetime).
    pub mode: Mode,
    /// The whole input: the textarea's text, or a large text held in memory.
    /// Shared, so cloning the state never copies megabytes.
    pub input: Rc<str>,
    /// The input is a large text held in memory and summarised, not shown in
    /// the text area (see [`LARGE_INPUT_BYTES`]).
    pub large: bool,
    /// The analysis waits for the next paint, so a large input shows its
    /// summary at once and is analysed afterwards.
    pub pending: bool,
    /// The control-connection field's text, as typed.
    pub control: String,
    /// The command chosen in the menu.
    pub sent: Option<Command>,
    /// The language.
    pub lang: Lang,
    /// Result of the last copy.
    pub copy: CopyStatus,
    /// Bumped when the page (not the person) replaces the input, e.g. with an
    /// example: only then is the text area's content written from the state.
    pub loaded: u32,
    /// Read the input as one session (true) or as separate lines (false),
    /// as the person chose; `None`: as the core judges it
    /// (`pasv_core::log::looks_like_log`).
    pub session: Option<bool>,
    /// The core's judgment (`pasv_core::log::looks_like_log`, asked of the
    /// on-demand module) and the text it is about.
    pub judged: Option<(Rc<str>, bool)>,
}

/// Field by field, the shared texts by identity: every state change compares
/// the state (Yew's context), and `Rc<str>` compares its bytes, megabytes
/// for a large paste, even when both sides are one allocation.
impl PartialEq for State {
    fn eq(&self, o: &Self) -> bool {
        let judged = match (&self.judged, &o.judged) {
            (Some((a, x)), Some((b, y))) => Rc::ptr_eq(a, b) && x == y,
            (a, b) => a.is_none() && b.is_none(),
        };
        Rc::ptr_eq(&self.input, &o.input)
            && judged
            && (self.mode, self.large, self.pending, self.sent, self.lang, self.copy, self.loaded, self.session)
                == (o.mode, o.large, o.pending, o.sent, o.lang, o.copy, o.loaded, o.session)
            && self.control == o.control
    }
}

/// Everything a person can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Typed or pasted into the input.
    Input(String),
    /// Typed into the control IP field.
    Control(String),
    /// Chose a command.
    Sent(Option<Command>),
    /// Switched language.
    Lang(Lang),
    /// Loaded an example.
    Example(usize),
    /// A copy finished.
    Copy(CopyStatus),
    /// A whole text arrived at once (a large paste, an opened or dropped
    /// file): held in memory when large, else put into the text area.
    Load(String),
    /// Put the held large text into the text area after all.
    EditAsText,
    /// Empty the input.
    Clear,
    /// The deferred analysis may run now (the summary has been painted).
    Analyse,
    /// Chose to read the input as one session (true) or as separate lines.
    Session(bool),
    /// The core judged whether this text is a session log.
    Judged(Rc<str>, bool),
}

impl State {
    /// The state a page or frame starts with: the URL first, then the saved
    /// language, then the browser's.
    pub fn from_browser(mode: Mode) -> Self {
        let query = browser::current_query();
        let initial = Initial { reply: query.reply, control: query.control, sent: query.sent, lang: query.lang };
        Self::new(mode, initial)
    }

    /// A state from explicit values (widgets), the language defaulting as above.
    pub fn new(mode: Mode, initial: Initial) -> Self {
        let lang = initial.lang.or_else(|| if mode == Mode::Widget { None } else { browser::saved_lang() });
        State {
            mode,
            input: initial.reply.unwrap_or_default().into(),
            large: false,
            pending: false,
            control: initial.control.unwrap_or_default(),
            // The menu offers the passive commands only: a link naming PORT
            // selects nothing rather than an analysis the menu cannot show.
            sent: initial.sent.filter(|c| c.expected_reply().is_some()),
            lang: lang.or_else(browser::browser_lang).unwrap_or(Lang::En),
            copy: CopyStatus::Idle,
            loaded: 0,
            session: None,
            judged: None,
        }
    }

    /// Whether the input is read as a session log: as the person chose, else
    /// as the core judged this very text; `None` while that is not known.
    pub fn is_log(&self) -> Option<bool> {
        let judged = self.judged.as_ref().filter(|(text, _)| Rc::ptr_eq(text, &self.input) || **text == *self.input);
        self.session.or(judged.map(|(_, is_log)| *is_log))
    }

    /// The control IP, when the field holds a valid one.
    pub fn control_ip(&self) -> Option<std::net::IpAddr> {
        parse_ip(&self.control)
    }

    /// The analysis context.
    pub fn context(&self) -> Context {
        Context { control_ip: self.control_ip(), sent: self.sent }
    }

    /// The query of a link to the full page showing this state.
    pub fn share_query(&self) -> String {
        browser::build_query(self.permalink_reply(), &self.control, self.sent, self.lang, false)
    }

    /// Why the input stays out of the URL, if it does: only short replies go
    /// in. Credentials never do, nor a pasted session log (it may hold
    /// secrets, and a megabyte URL would stall the browser on every keystroke).
    pub fn left_out(&self) -> Option<LeftOut> {
        if self.input.len() > MAX_PERMALINK_BYTES {
            Some(LeftOut::TooLong)
        } else if has_credentials(&self.input) {
            Some(LeftOut::Credentials)
        } else if self.is_log().unwrap_or(self.input.contains('\n')) {
            // Until the core has judged it, a text of several lines may be a log.
            Some(LeftOut::Log)
        } else {
            None
        }
    }

    /// The input as it may go into a URL (see [`State::left_out`]).
    fn permalink_reply(&self) -> &str {
        if self.left_out().is_none() {
            &self.input
        } else {
            ""
        }
    }

    /// The URL query this state keeps in the address bar.
    pub fn query(&self) -> String {
        browser::build_query(self.permalink_reply(), &self.control, self.sent, self.lang, self.mode == Mode::Frame)
    }
}

impl State {
    /// Replace the input with `text`, shown in the text area.
    fn show_in_text_area(&mut self, text: Rc<str>) {
        self.input = text;
        self.large = false;
        self.pending = false;
        self.loaded += 1;
        // Another text: the core judges it afresh.
        self.session = None;
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let resets_copy = !matches!(action, Action::Copy(_));
        match action {
            Action::Input(text) => next.input = text.into(),
            // A large text is analysed again after the next paint, so a
            // keystroke in these fields shows before the slow work starts.
            Action::Control(text) => {
                next.control = text;
                next.pending = next.large;
            }
            Action::Sent(sent) => {
                next.sent = sent;
                next.pending = next.large;
            }
            Action::Lang(lang) => {
                next.lang = lang;
                next.pending = next.large;
            }
            Action::Example(i) => {
                if let Some(ex) = EXAMPLES.get(i) {
                    next.show_in_text_area(ex.reply.into());
                    next.control = ex.control.to_string();
                    next.sent = None;
                }
            }
            Action::Copy(status) => next.copy = status,
            Action::Load(text) if text.len() > LARGE_INPUT_BYTES => {
                next.input = text.into();
                next.large = true;
                next.pending = true;
                next.session = None;
            }
            Action::Load(text) => next.show_in_text_area(text.into()),
            Action::EditAsText => next.show_in_text_area(next.input.clone()),
            Action::Clear => next.show_in_text_area("".into()),
            Action::Analyse => next.pending = false,
            Action::Session(session) => {
                next.session = Some(session);
                next.pending = next.large;
            }
            Action::Judged(text, is_log) => next.judged = Some((text, is_log)),
        }
        if resets_copy {
            next.copy = CopyStatus::Idle;
        }
        Rc::new(next)
    }
}

/// The state shared with every component through a context.
pub type StateHandle = UseReducerHandle<State>;

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> Rc<State> {
        Rc::new(State {
            mode: Mode::Widget,
            input: "".into(),
            control: String::new(),
            sent: None,
            lang: Lang::En,
            copy: CopyStatus::Idle,
            loaded: 0,
            large: false,
            pending: false,
            session: None,
            judged: None,
        })
    }

    #[test]
    fn a_large_text_is_held_whole_and_analysed_after_the_next_paint() {
        let text = "x".repeat(LARGE_INPUT_BYTES + 1);
        let held = state().reduce(Action::Load(text.clone()));
        assert!(held.large && held.pending);
        assert_eq!(&*held.input, text, "nothing cut");
        assert_eq!(held.loaded, 0, "the text area is not written");
        let analysed = held.reduce(Action::Analyse);
        assert!(analysed.large && !analysed.pending);
    }

    #[test]
    fn a_small_loaded_text_goes_into_the_text_area() {
        let loaded = state().reduce(Action::Load("227 Entering Passive Mode (10,0,0,1,4,5)".into()));
        assert!(!loaded.large && !loaded.pending);
        assert_eq!(loaded.loaded, 1);
    }

    #[test]
    fn editing_a_held_text_keeps_every_byte_and_clearing_empties_it() {
        let text = "é".repeat(LARGE_INPUT_BYTES);
        let edited = state().reduce(Action::Load(text.clone())).reduce(Action::Analyse).reduce(Action::EditAsText);
        assert!(!edited.large);
        assert_eq!(&*edited.input, text);
        assert_eq!(edited.loaded, 1, "the text area is written once");
        let cleared = edited.reduce(Action::Clear);
        assert!(cleared.input.is_empty() && !cleared.large);
    }

    #[test]
    fn context_changes_reanalyse_a_held_text_after_the_next_paint_only() {
        let held = state().reduce(Action::Load("x".repeat(LARGE_INPUT_BYTES + 1))).reduce(Action::Analyse);
        assert!(held.clone().reduce(Action::Control("203.0.113.10".into())).pending);
        assert!(held.reduce(Action::Lang(Lang::Vi)).pending);
        let small = state().reduce(Action::Input("227".into()));
        assert!(!small.reduce(Action::Control("203.0.113.10".into())).pending, "typing stays immediate");
    }

    #[test]
    fn credentials_are_found_in_any_case_and_after_log_tags() {
        for text in [
            "USER alice\nPASV\n227 Entering Passive Mode (10,0,0,1,4,5)",
            "pass secret\n227 Entering Passive Mode (10,0,0,1,4,5)",
            "Command:\tPASS secret",
            "> Pass\tsecret",
            "*cmd* 'ACCT billing'",
            "2024-05-01 10:00:00 [12] user alice",
        ] {
            assert!(has_credentials(text), "{text:?}");
        }
        for text in ["227 Entering Passive Mode (10,0,0,1,4,5)", "PASV\n227 =10,0,0,1,4,5", "USER", "passwd", "superuser x"] {
            assert!(!has_credentials(text), "{text:?}");
        }
    }

    #[test]
    fn the_reason_a_text_stays_out_of_the_link() {
        let with = |input: &str| State { input: input.into(), ..(*state()).clone() };
        assert_eq!(with("227 Entering Passive Mode (10,0,0,1,4,5)").left_out(), None);
        assert_eq!(with("USER alice\nPASS secret\nPASV\n227 Entering Passive Mode (10,0,0,1,4,5)").left_out(), Some(LeftOut::Credentials));
        assert_eq!(with("Command:\tPASV\nResponse:\t227 Entering Passive Mode (10,0,0,1,4,5)").left_out(), Some(LeftOut::Log));
        // Several lines stay out until the core has judged them, then as it judged.
        let lines = with("PASV\n227 Entering Passive Mode (10,0,0,1,4,5)");
        assert_eq!(lines.left_out(), Some(LeftOut::Log));
        let judged = State { judged: Some((lines.input.clone(), false)), ..lines.clone() };
        assert_eq!(judged.left_out(), None);
        assert_eq!(State { judged: Some(("other".into(), false)), ..lines }.left_out(), Some(LeftOut::Log), "about another text");
        assert_eq!(with(&"227 (10,0,0,1,4,5)\n".repeat(400)).left_out(), Some(LeftOut::TooLong));
    }
}
