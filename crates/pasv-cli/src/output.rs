//! Printing the reports of one input, as JSON Lines or for people. Shared by
//! the binary and the output benchmark (`benches/output.rs`).
use std::io::{self, Write};

use pasv_core::{Lang, Report};

use crate::human;

/// Every report of `input`, in input order: one JSON object per line, or the
/// human-readable form with line numbers counted as the reports go.
pub fn print_reports(out: &mut impl Write, json: bool, lang: Lang, input: &str, reports: &[Report]) -> io::Result<()> {
    let mut lines = human::LineCounter::new();
    for report in reports {
        if json {
            serde_json::to_writer(&mut *out, report).map_err(io::Error::from)?;
            writeln!(out)?;
        } else {
            human::print(out, lang, input, report, &mut lines)?;
        }
    }
    Ok(())
}
