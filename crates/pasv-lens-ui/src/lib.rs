//! The view pieces both WebAssembly modules of the page need: the result
//! card (the page shows it for each reply, the on-demand log view for each
//! exchange), the translation helpers, the clipboard, and [`extras`], the one
//! typed interface to the on-demand module. It depends on the core only, so
//! the on-demand module never depends on the page crate.
#![forbid(unsafe_code)]

pub mod browser;
pub mod components;
pub mod extras;
pub mod i18n;
pub mod options;
