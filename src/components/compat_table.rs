//! Which control-connection family this form works with, and why.
use pasv_core::{Family, Kind, Lang, Msg};
use yew::prelude::*;

use crate::i18n::{t, t1};

fn short_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Pasv => "227 (PASV)",
        Kind::Epsv => "229 (EPSV)",
        Kind::Lpsv => "228 (LPSV)",
        Kind::Port => "PORT",
        Kind::Eprt => "EPRT",
        Kind::Lprt => "LPRT",
        Kind::Other => "—",
    }
}

/// Why `kind` works or not over a `family` control connection.
fn reason(lang: Lang, kind: Kind, family: Family) -> String {
    let name = short_name(kind);
    match (kind, family) {
        (Kind::Epsv, _) => t(lang, Msg::CompatControlAddress),
        (Kind::Pasv | Kind::Port, Family::Ipv4) => t1(lang, Msg::CompatIpv4Only, "kind", &name),
        (Kind::Pasv | Kind::Port, Family::Ipv6) => t1(lang, Msg::CompatIpv6NeedsExtended, "kind", &name),
        (Kind::Other, _) => t(lang, Msg::CompatNotApplicable),
        _ => t1(lang, Msg::CompatFamilyField, "kind", &name),
    }
}

/// The compatibility table of the form `kind`, with the control connection's
/// family (when known) highlighted. A view function: it has no state (see
/// `arithmetic`).
pub fn compat_table(kind: Kind, control_family: Option<Family>, lang: Lang) -> Html {
    let rows = [(Family::Ipv4, "IPv4"), (Family::Ipv6, "IPv6")].into_iter().map(|(family, label)| {
        let works = kind.supports(family);
        html! {
            <tr class={classes!((control_family == Some(family)).then_some("current"))}>
                <th scope="row">{ label }</th>
                <td class={if works { "works" } else { "fails" }}>{ t(lang, if works { Msg::UiYes } else { Msg::UiNo }) }</td>
                <td>{ reason(lang, kind, family) }</td>
            </tr>
        }
    });
    html! {
        <table class="compat">
            <caption>{ t(lang, Msg::UiCompatTitle) }</caption>
            <thead><tr>
                <th scope="col">{ t(lang, Msg::UiCompatControl) }</th>
                <th scope="col">{ t(lang, Msg::UiCompatResult) }</th>
                <th scope="col">{ t(lang, Msg::UiCompatWhy) }</th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
