//! Tab labels from the catalog.
use pasv_core::{render, ExtrasMsg, Lang};

/// "What real clients do"
pub fn clients(lang: Lang) -> String {
    render(lang, ExtrasMsg::TabClients, &[])
}
/// "Connection diagram"
pub fn diagram(lang: Lang) -> String {
    render(lang, ExtrasMsg::TabDiagram, &[])
}
/// "227 vs 229"
pub fn compare(lang: Lang) -> String {
    render(lang, ExtrasMsg::TabCompare, &[])
}
/// "Encoder"
pub fn encoder(lang: Lang) -> String {
    render(lang, ExtrasMsg::TabEncoder, &[])
}
