//! Browser helpers both modules use. Failures are reported, never thrown:
//! a sandboxed iframe must not break decoding.

/// Copy text to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: String) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let promise = w.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
