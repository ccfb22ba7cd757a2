//! Texts that arrive whole: a paste (read from the clipboard event, so a
//! large one never goes through the text area), a dropped or opened file;
//! and how their size is told.
use pasv_core::{render, Arg, Lang, Msg};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ClipboardEvent, DragEvent, Event, File, HtmlTextAreaElement};

use crate::i18n::t1;
use crate::state::LARGE_INPUT_BYTES;

pub fn pasted_text(event: &Event) -> Option<String> {
    event.dyn_ref::<ClipboardEvent>()?.clipboard_data()?.get_data("text").ok()
}

/// The byte offset in `text` of the UTF-16 offset `utf16` (how text areas
/// count their selection).
fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 as usize {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// What the text area would hold after pasting `pasted` over its selection.
pub fn text_after_paste(area: &HtmlTextAreaElement, pasted: &str) -> String {
    let value = area.value();
    let start = byte_offset(&value, area.selection_start().ok().flatten().unwrap_or(0));
    let end = byte_offset(&value, area.selection_end().ok().flatten().unwrap_or(0)).max(start);
    [&value[..start], pasted, &value[end..]].concat()
}

/// A paste too large for the text area: cancels the browser's own paste and
/// returns the text the input should hold instead. Smaller pastes are left
/// to the browser (undo keeps working).
pub fn take_large_paste(event: &Event) -> Option<String> {
    let pasted = pasted_text(event).filter(|p| p.len() > LARGE_INPUT_BYTES)?;
    event.prevent_default();
    Some(match event.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
        Some(area) => text_after_paste(&area, &pasted),
        None => pasted,
    })
}

/// The first file dropped, if any (the drop is then ours, not the browser's).
pub fn dropped_file(event: &DragEvent) -> Option<File> {
    let file = event.data_transfer()?.files()?.get(0)?;
    event.prevent_default();
    Some(file)
}

/// A file's text (UTF-8; invalid bytes become U+FFFD, as browsers decode).
/// Read as bytes first (see [`pasted_text`]); only a file that is not valid
/// UTF-8 goes through the browser's decoding.
pub async fn read_file(file: File) -> Option<String> {
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// The number of lines of `text` (a last line without a newline counts).
pub fn line_count(text: &str) -> usize {
    // memchr scans a word at a time: a byte-by-byte count of a 10 MB paste
    // is a long task on the main thread.
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// A size as people read it: "850 KB", "10.2 MB" (the decimal separator
/// comes from the catalog: "10,2 MB" in Vietnamese).
pub fn format_size(lang: Lang, bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes < MB {
        return t1(lang, Msg::UiSizeKb, "n", &bytes.div_ceil(1024));
    }
    let tenths = (bytes * 10 + MB / 2) / MB;
    render(lang, Msg::UiSizeMb, &[Arg { name: "whole", value: &(tenths / 10) }, Arg { name: "tenths", value: &(tenths % 10) }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_follow_utf16_units() {
        assert_eq!(byte_offset("ab", 1), 1);
        assert_eq!(byte_offset("éa", 1), 2);
        assert_eq!(byte_offset("😀a", 2), 4);
        assert_eq!(byte_offset("ab", 9), 2);
    }

    #[test]
    fn lines_are_counted_with_or_without_a_final_newline() {
        assert_eq!(line_count(""), 0);
        assert_eq!(line_count("a"), 1);
        assert_eq!(line_count("a\nb"), 2);
        assert_eq!(line_count("a\nb\n"), 2);
    }

    #[test]
    fn sizes_read_in_kilobytes_then_megabytes_with_a_localized_decimal() {
        assert_eq!(format_size(Lang::En, 1), "1 KB");
        assert_eq!(format_size(Lang::En, 300 * 1024), "300 KB");
        assert_eq!(format_size(Lang::En, 10 * 1024 * 1024 + 200 * 1024), "10.2 MB");
        assert_eq!(format_size(Lang::Vi, 10 * 1024 * 1024 + 200 * 1024), "10,2 MB");
    }
}
