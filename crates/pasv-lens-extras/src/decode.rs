//! The JS API's `decode(text, options)` (`static/pasv-lens.js` loads this
//! module for it): options in, the core's JSON contract out.
use pasv_core::{report_all, Command, Context, Lang};
use pasv_lens_ui::options::{lang_option, option};
use wasm_bindgen::prelude::*;

/// Decode every reply or command in `text`. `options`: `{control?: string,
/// sent?: "PASV"|"EPSV"|…, lang?: "en"|"vi"}`. Returns an array of reports in
/// exactly the JSON contract of the CLI's `--json` output.
#[wasm_bindgen]
pub fn decode(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let control_ip = match option(&options, "control").filter(|c| !c.trim().is_empty()) {
        Some(c) => Some(c.trim().parse().map_err(|_| JsError::new(&format!("control: “{c}” is not an IP address")))?),
        None => None,
    };
    let sent = match option(&options, "sent") {
        Some(s) => Some(Command::parse(&s).ok_or_else(|| JsError::new(&format!("sent: “{s}” is not a data-connection command")))?),
        None => None,
    };
    let lang = lang_option(&options)?.unwrap_or(Lang::En);
    let reports = report_all(text, &Context { control_ip, sent }, lang);
    // JSON-compatible: maps become plain objects and `None` becomes null, so the
    // result equals JSON.parse of the CLI's --json output.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&reports, &serializer).map_err(|e| JsError::new(&e.to_string()))
}
