//! One component per file.
pub mod app;
pub mod arithmetic;
pub mod examples;
pub mod findings;
pub mod header;
pub mod input_panel;
pub mod large_input;
pub mod log_host;
pub mod open_file;
pub mod result_card;
pub mod results;
