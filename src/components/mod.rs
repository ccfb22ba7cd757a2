//! One component per file.
pub mod app;
pub mod examples;
pub mod header;
pub mod input_panel;
pub mod large_input;
pub mod log_host;
pub mod open_file;
pub mod results;

// Shared with the on-demand module's log view (crate `pasv-lens-ui`).
pub use pasv_lens_ui::components::{arithmetic, findings, result_card};
