//! Reading the options objects of the JS API (`mount()` in the page,
//! `decode()` in the on-demand module), so both read them alike.
use pasv_core::Lang;
use wasm_bindgen::{JsError, JsValue};

/// A string property of an options object, if present.
pub fn option(options: &JsValue, name: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &name.into()).ok()?.as_string()
}

/// The `lang` option: a known language code, or an error naming it.
pub fn lang_option(options: &JsValue) -> Result<Option<Lang>, JsError> {
    option(options, "lang").map(|l| Lang::from_code(&l).ok_or_else(|| JsError::new(&format!("unknown lang “{l}”")))).transpose()
}
