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

/// Copy feedback shown next to "Copy link".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyStatus {
    /// Nothing to show.
    Idle,
    /// Copied.
    Copied,
    /// The clipboard refused.
    Failed,
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
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Where the decoder lives (fixed for its lifetime).
    pub mode: Mode,
    /// The textarea's text, never rewritten by the page.
    pub input: String,
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
            input: initial.reply.unwrap_or_default(),
            control: initial.control.unwrap_or_default(),
            sent: initial.sent,
            lang: lang.or_else(browser::browser_lang).unwrap_or(Lang::En),
            copy: CopyStatus::Idle,
            loaded: 0,
        }
    }

    /// The control IP, when the field holds a valid one.
    pub fn control_ip(&self) -> Option<std::net::IpAddr> {
        self.control.trim().parse().ok()
    }

    /// The analysis context.
    pub fn context(&self) -> Context {
        Context { control_ip: self.control_ip(), sent: self.sent }
    }

    /// The query of a link to the full page showing this state.
    pub fn share_query(&self) -> String {
        browser::build_query(self.permalink_reply(), &self.control, self.sent, self.lang, false)
    }

    /// The input as it may go into a URL: short replies only. A pasted session
    /// log stays out of the address bar (it may hold credentials, and a
    /// megabyte URL would stall the browser on every keystroke).
    fn permalink_reply(&self) -> &str {
        let short = self.input.len() <= MAX_PERMALINK_BYTES;
        if short && !pasv_core::log::looks_like_log(&self.input) {
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

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let resets_copy = !matches!(action, Action::Copy(_));
        match action {
            Action::Input(text) => next.input = text,
            Action::Control(text) => next.control = text,
            Action::Sent(sent) => next.sent = sent,
            Action::Lang(lang) => next.lang = lang,
            Action::Example(i) => {
                if let Some(ex) = EXAMPLES.get(i) {
                    next.input = ex.reply.to_string();
                    next.loaded += 1;
                    next.control = ex.control.to_string();
                    next.sent = None;
                }
            }
            Action::Copy(status) => next.copy = status,
        }
        if resets_copy {
            next.copy = CopyStatus::Idle;
        }
        Rc::new(next)
    }
}

/// The state shared with every component through a context.
pub type StateHandle = UseReducerHandle<State>;
