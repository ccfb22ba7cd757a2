//! Shorthands over the core's message catalog for the view code.
use pasv_core::{render, Arg, Lang};

/// A message without placeholders.
pub fn t(lang: Lang, msg: impl pasv_core::Message) -> String {
    render(lang, msg, &[])
}

/// A message with one placeholder.
pub fn t1(lang: Lang, msg: impl pasv_core::Message, name: &'static str, value: &dyn std::fmt::Display) -> String {
    render(lang, msg, &[Arg { name, value }])
}
