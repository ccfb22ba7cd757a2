//! Which control-connection family this form works with, and why (under
//! the card's "Details": the page's first load does not carry it).
use pasv_core::{render, Arg, ExtrasMsg, Family, Kind, Lang};
use yew::prelude::*;

fn t(lang: Lang, m: ExtrasMsg) -> String {
    render(lang, m, &[])
}

fn t1(lang: Lang, m: ExtrasMsg, name: &'static str, value: &dyn std::fmt::Display) -> String {
    render(lang, m, &[Arg { name, value }])
}

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
        (Kind::Epsv, _) => t(lang, ExtrasMsg::CompatControlAddress),
        (Kind::Pasv | Kind::Port, Family::Ipv4) => t1(lang, ExtrasMsg::CompatIpv4Only, "kind", &name),
        (Kind::Pasv | Kind::Port, Family::Ipv6) => t1(lang, ExtrasMsg::CompatIpv6NeedsExtended, "kind", &name),
        (Kind::Other, _) => t(lang, ExtrasMsg::CompatNotApplicable),
        _ => t1(lang, ExtrasMsg::CompatFamilyField, "kind", &name),
    }
}

/// The compatibility table of the form `kind`, with the control connection's
/// family (when known) highlighted. When both families get the same answer
/// for the same reason, one row says so once.
pub fn compat_table(kind: Kind, control_family: Option<Family>, lang: Lang) -> Html {
    let row = |label: String, works: bool, reason: String, current: bool| {
        html! {
            <tr class={classes!(current.then_some("current"))}>
                <th scope="row">{ label }</th>
                <td class={if works { "works" } else { "fails" }}>{ t(lang, if works { ExtrasMsg::CompatYes } else { ExtrasMsg::CompatNo }) }</td>
                <td>{ reason }</td>
            </tr>
        }
    };
    let (v4, v6) =
        ((kind.supports(Family::Ipv4), reason(lang, kind, Family::Ipv4)), (kind.supports(Family::Ipv6), reason(lang, kind, Family::Ipv6)));
    let rows = if v4 == v6 {
        vec![row(t(lang, ExtrasMsg::CompatBoth), v4.0, v4.1, control_family.is_some())]
    } else {
        vec![
            row("IPv4".into(), v4.0, v4.1, control_family == Some(Family::Ipv4)),
            row("IPv6".into(), v6.0, v6.1, control_family == Some(Family::Ipv6)),
        ]
    };
    html! {
        <table class="compat">
            <caption>{ t(lang, ExtrasMsg::CompatTitle) }</caption>
            <thead><tr>
                <th scope="col">{ t(lang, ExtrasMsg::CompatControl) }</th>
                <th scope="col">{ t(lang, ExtrasMsg::CompatResult) }</th>
                <th scope="col">{ t(lang, ExtrasMsg::CompatWhy) }</th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
