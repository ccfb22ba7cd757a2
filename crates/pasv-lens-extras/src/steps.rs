//! The slides of the classroom presentation (shown by `present.rs`): one
//! reply or command taught in order. First what the line says (the line, its
//! numbers, the address, the port arithmetic), then, for a passive reply
//! whose control connection is known, where the client reached the server,
//! why the announced address fails from outside, what clients do and the
//! fix, and last a short summary. Students thus learn why a client connects
//! somewhere else before they are told where. Every value comes from the
//! core's analysis or from the spans it points into the line.
use pasv_core::{render, Arg, Explained, ExtrasMsg, FindingId, Kind, Lang, Severity, SocketTarget};

use crate::diagram::Stage;
pub use crate::present::{Steps, StepsProps};

/// Which fields of the line a slide lights up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lit {
    /// None.
    Nothing,
    /// The address and the port fields.
    Both,
    /// The address fields.
    Address,
    /// The port fields.
    Port,
}

/// One slide.
#[derive(Clone, PartialEq, Debug)]
pub struct Slide {
    /// The sentence.
    pub text: String,
    /// A value or the arithmetic, set large.
    pub big: Option<String>,
    /// The fields of the line lit up.
    pub lit: Lit,
    /// The part of the connection diagram lit up, when the slide shows it.
    pub stage: Option<Stage>,
    /// For the summary: label and value pairs.
    pub summary: Vec<(String, String)>,
}

impl Slide {
    fn new(text: String, lit: Lit) -> Self {
        Slide { text, big: None, lit, stage: None, summary: Vec::new() }
    }
    fn big(mut self, big: String) -> Self {
        self.big = Some(big);
        self
    }
    fn stage(mut self, stage: Stage) -> Self {
        self.stage = Some(stage);
        self
    }
}

fn texts(line: &str, spans: &[pasv_core::Span]) -> Vec<String> {
    spans.iter().filter_map(|s| line.get(s.start..s.end)).map(str::to_string).collect()
}

/// The last `n` runs of ASCII digits in `text`, in order (fewer if it has fewer).
fn last_numbers(text: &str, n: usize) -> Vec<&str> {
    let mut found: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).rev().take(n).collect();
    found.reverse();
    found
}

/// `p1 × 256 + p2 = port`, the arithmetic set large.
fn arithmetic(p1: u8, p2: u8, port: u16) -> String {
    format!("{p1} × 256 + {p2} = {port}")
}

/// The slides of a decoded line, in `lang` (none for a line that did not decode).
pub fn slides(e: &Explained, line: &str, lang: Lang) -> Vec<Slide> {
    let d = &e.decoded;
    let mut out = Vec::new();
    let (Some(port), true) = (d.port, d.is_ok()) else {
        return out;
    };
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let active = matches!(d.kind, Kind::Port | Kind::Eprt | Kind::Lprt);
    let command = match d.kind {
        Kind::Epsv => "EPSV",
        Kind::Lpsv => "LPSV",
        _ => "PASV",
    };
    out.push(Slide::new(
        if active {
            t(ExtrasMsg::StepsSlideCommand)
        } else {
            render(lang, ExtrasMsg::StepsSlideReply, &[Arg { name: "command", value: &command }])
        },
        Lit::Nothing,
    ));
    let address = texts(line, &d.address_fields);
    let ports = texts(line, &d.port_fields);
    match (d.kind, d.port_bytes, d.ip) {
        // 228 and LPRT: (af, hal, h1, …, pal, p1, p2). The spans cover the
        // address and port bytes; af, hal and pal are read around them.
        (Kind::Lpsv | Kind::Lprt, Some([p1, p2]), Some(ip)) => {
            let (Some(first), Some(last), Some(port_start)) = (d.address_fields.first(), d.address_fields.last(), d.port_fields.first())
            else {
                return Vec::new();
            };
            let head = last_numbers(line.get(..first.start).unwrap_or_default(), 2);
            let pal = last_numbers(line.get(last.end..port_start.start).unwrap_or_default(), 1);
            let [af, hal] = head.as_slice() else { return Vec::new() };
            let pal = pal.first().copied().unwrap_or("2");
            let family = if ip.is_ipv4() { "IPv4" } else { "IPv6" };
            let all = [*af, *hal]
                .into_iter()
                .map(str::to_string)
                .chain(address.iter().cloned())
                .chain([pal.to_string()])
                .chain(ports.iter().cloned());
            let all = all.collect::<Vec<_>>().join(", ");
            let numbers = if active { ExtrasMsg::StepsNumbersCommand } else { ExtrasMsg::StepsNumbers };
            let header = render(
                lang,
                ExtrasMsg::StepsLongHeader,
                &[Arg { name: "af", value: af }, Arg { name: "family", value: &family }, Arg { name: "hal", value: hal }],
            );
            out.push(Slide::new(format!("{} {header}", render(lang, numbers, &[Arg { name: "numbers", value: &all }])), Lit::Both));
            let bytes = address.join(", ");
            out.push(
                Slide::new(
                    render(
                        lang,
                        ExtrasMsg::StepsLongAddress,
                        &[Arg { name: "hal", value: hal }, Arg { name: "bytes", value: &bytes }, Arg { name: "address", value: &ip }],
                    ),
                    Lit::Address,
                )
                .big(ip.to_string()),
            );
            out.push(
                Slide::new(
                    render(
                        lang,
                        ExtrasMsg::StepsLongPortBytes,
                        &[Arg { name: "pal", value: &pal }, Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }],
                    ),
                    Lit::Port,
                )
                .big(arithmetic(p1, p2, port)),
            );
        }
        // 227 and PORT: (h1, h2, h3, h4, p1, p2).
        (_, Some([p1, p2]), ip) => {
            let all = address.iter().chain(&ports).cloned().collect::<Vec<_>>().join(", ");
            out.push(Slide::new(
                if active {
                    render(lang, ExtrasMsg::StepsNumbersCommand, &[Arg { name: "numbers", value: &all }])
                } else {
                    t(ExtrasMsg::StepsSlideBytes)
                },
                Lit::Both,
            ));
            if let Some(ip) = ip {
                // Written as in the line, the bytes usually already read as the
                // address; leading zeros are shown going away.
                let bytes = address.join(".");
                let big = if bytes == ip.to_string() { bytes } else { format!("{bytes} → {ip}") };
                out.push(Slide::new(t(ExtrasMsg::StepsSlideAddress), Lit::Address).big(big));
            }
            out.push(
                Slide::new(
                    render(lang, ExtrasMsg::StepsSlidePort, &[Arg { name: "p1", value: &p1 }, Arg { name: "p2", value: &p2 }]),
                    Lit::Port,
                )
                .big(arithmetic(p1, p2, port)),
            );
        }
        // EPRT: the address and the decimal port, as they are.
        (Kind::Eprt, None, Some(ip)) => {
            let target = SocketTarget { ip, port };
            out.push(
                Slide::new(
                    render(lang, ExtrasMsg::StepsEprt, &[Arg { name: "address", value: &ip }, Arg { name: "port", value: &port }]),
                    Lit::Both,
                )
                .big(target.to_string()),
            );
        }
        // 229: the port only; the address is the control connection's.
        _ => {
            out.push(Slide::new(t(ExtrasMsg::StepsSlideEpsvPort), Lit::Port).big(port.to_string()));
            out.push(match e.connect_to {
                Some(target) => {
                    Slide::new(render(lang, ExtrasMsg::StepsSlideEpsvAddress, &[Arg { name: "target", value: &target }]), Lit::Nothing)
                        .big(target.to_string())
                        .stage(Stage::Data)
                }
                None => Slide::new(render(lang, ExtrasMsg::StepsSlideEpsvUnknown, &[Arg { name: "port", value: &port }]), Lit::Nothing)
                    .stage(Stage::Data),
            });
        }
    }
    let control = e.context.control_ip.filter(|_| !active);
    let announced = d.ip.filter(|_| d.kind != Kind::Epsv);
    let danger = e.findings.iter().find(|f| f.severity == Severity::Danger);
    let nat = e.findings.iter().any(|f| f.id == FindingId::NatUnroutableAddress);
    if let (Some(control), Some(_)) = (control, announced) {
        out.push(
            Slide::new(render(lang, ExtrasMsg::StepsSlideWhere, &[Arg { name: "control", value: &control }]), Lit::Nothing)
                .stage(Stage::Control),
        );
    }
    match (danger, announced, active) {
        (Some(f), Some(address), false) => {
            out.push(
                if let (true, Some(class)) = (nat, e.address_class) {
                    let class = render(lang, pasv_core::class_msg(class), &[]);
                    Slide::new(
                        render(
                            lang,
                            ExtrasMsg::StepsSlideNat,
                            &[Arg { name: "address", value: &address }, Arg { name: "class", value: &class }],
                        ),
                        Lit::Address,
                    )
                } else {
                    let reason = t(crate::diagram::reason(f.id));
                    Slide::new(
                        render(
                            lang,
                            ExtrasMsg::StepsSlideBlocked,
                            &[Arg { name: "address", value: &address }, Arg { name: "reason", value: &reason }],
                        ),
                        Lit::Address,
                    )
                }
                .stage(Stage::Data),
            );
            if let Some(target) = e.connect_to.filter(|t| t.ip != address) {
                let report = pasv_core::report(e, lang, line);
                let clients = pasv_core::answer(&report, &e.context, lang).clients;
                let args = [
                    Arg { name: "clients", value: &clients },
                    Arg { name: "target", value: &target },
                    Arg { name: "address", value: &address },
                ];
                let msg = if clients.is_empty() { ExtrasMsg::StepsSlideClientsUnnamed } else { ExtrasMsg::StepsSlideClients };
                out.push(Slide::new(render(lang, msg, &args), Lit::Nothing).stage(Stage::Careful));
            }
            if let (true, Some(control)) = (nat, control) {
                out.push(Slide::new(render(lang, ExtrasMsg::StepsSlideFix, &[Arg { name: "control", value: &control }]), Lit::Nothing));
            }
        }
        _ if d.kind == Kind::Epsv => {}
        _ => out.push(
            match (e.connect_to, active) {
                (Some(target), true) => {
                    Slide::new(render(lang, ExtrasMsg::StepsConnectActive, &[Arg { name: "target", value: &target }]), Lit::Nothing)
                }
                (Some(target), false) if Some(target.ip) == announced => {
                    Slide::new(render(lang, ExtrasMsg::StepsSlideSame, &[Arg { name: "target", value: &target }]), Lit::Nothing)
                }
                (Some(target), false) => {
                    Slide::new(render(lang, ExtrasMsg::StepsConnect, &[Arg { name: "target", value: &target }]), Lit::Nothing)
                }
                (None, _) => Slide::new(render(lang, ExtrasMsg::StepsConnectUnknown, &[Arg { name: "port", value: &port }]), Lit::Nothing),
            }
            .stage(Stage::Data),
        ),
    }
    out.push(summary(e, line, lang, port, announced, control, nat));
    out
}

/// The last slide: what the line says, where the server was reached, how the
/// data connection fares (the core's answer) and, behind NAT, the fix.
fn summary(
    e: &Explained,
    line: &str,
    lang: Lang,
    port: u16,
    announced: Option<std::net::IpAddr>,
    control: Option<std::net::IpAddr>,
    nat: bool,
) -> Slide {
    let t = |m: ExtrasMsg| render(lang, m, &[]);
    let mut rows = Vec::new();
    let says = match announced {
        Some(ip) => SocketTarget { ip, port }.to_string(),
        None => render(lang, ExtrasMsg::StepsSummaryPort, &[Arg { name: "port", value: &port }]),
    };
    rows.push((t(ExtrasMsg::StepsSummarySays), says));
    if let Some(control) = control {
        rows.push((t(ExtrasMsg::StepsSummaryReached), control.to_string()));
    }
    let report = pasv_core::report(e, lang, line);
    let answer = pasv_core::answer(&report, &e.context, lang);
    let state = render(lang, answer.outlook.msg(), &[]);
    let data = match e.connect_to {
        Some(target) => format!("{state} → {target}"),
        None => state,
    };
    rows.push((t(ExtrasMsg::StepsSummaryData), data));
    if let (true, Some(control)) = (nat, control) {
        rows.push((
            t(ExtrasMsg::StepsSummaryFix),
            render(lang, ExtrasMsg::StepsSummaryFixNat, &[Arg { name: "control", value: &control }]),
        ));
    }
    Slide { text: t(ExtrasMsg::StepsSummary), big: None, lit: Lit::Nothing, stage: None, summary: rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pasv_core::{analyse, decode, Context};

    fn slides_of(line: &str, control: &str, lang: Lang) -> Vec<Slide> {
        let explained = analyse(&decode(line), &Context { control_ip: control.parse().ok(), sent: None });
        slides(&explained, line, lang)
    }

    fn text(s: &[Slide]) -> Vec<String> {
        s.iter().map(|s| format!("{} {}", s.text, s.big.clone().unwrap_or_default())).collect()
    }

    #[test]
    fn a_nat_reply_is_taught_in_order_and_names_the_target_only_after_the_why() {
        let s = slides_of("227 Entering Passive Mode (10,0,0,12,156,64).", "203.0.113.10", Lang::En);
        let lits: Vec<Lit> = s.iter().map(|s| s.lit).collect();
        assert_eq!(&lits[..4], [Lit::Nothing, Lit::Both, Lit::Address, Lit::Port]);
        assert_eq!(s[2].big.as_deref(), Some("10.0.0.12"));
        assert_eq!(s[3].big.as_deref(), Some("156 × 256 + 64 = 40000"));
        let all = text(&s);
        let first_target = all.iter().position(|t| t.contains("203.0.113.10:40000")).unwrap();
        let nat = all.iter().position(|t| t.contains("behind NAT")).unwrap();
        let reached = all.iter().position(|t| t.contains("reached the server at 203.0.113.10")).unwrap();
        assert!(reached < nat && nat < first_target, "{all:#?}");
        assert!(all[first_target].contains("curl, FileZilla, ftplib"), "{all:#?}");
        assert!(all.iter().any(|t| t.contains("pasv_address")), "a fix slide: {all:#?}");
        let last = s.last().unwrap();
        assert!(last.summary.len() >= 4 && last.summary.len() <= 5, "a short summary: {:?}", last.summary);
        assert!(all.iter().all(|t| !t.contains(":21")), "no invented control port");
        // The same order in Vietnamese.
        assert_eq!(slides_of("227 Entering Passive Mode (10,0,0,12,156,64).", "203.0.113.10", Lang::Vi).len(), s.len());
    }

    #[test]
    fn a_reply_that_works_says_where_it_goes_and_sums_up() {
        let s = slides_of("227 Entering Passive Mode (198,51,100,20,195,80).", "198.51.100.20", Lang::En);
        let all = text(&s);
        assert!(all.iter().any(|t| t.contains("already reached") && t.contains("198.51.100.20:50000")), "{all:#?}");
        assert!(all.iter().all(|t| !t.contains("NAT")), "{all:#?}");
        let eps = slides_of("229 Entering Extended Passive Mode (|||50006|)", "203.0.113.10", Lang::En);
        assert_eq!(eps[1].lit, Lit::Port);
        assert_eq!(eps[1].big.as_deref(), Some("50006"));
        assert!(eps[2].text.contains("203.0.113.10:50006"), "{:?}", eps[2]);
    }

    #[test]
    fn long_form_lists_every_number_and_its_lengths() {
        let line = "228 Entering Long Passive Mode (6,16,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,2,4,5)";
        let s = text(&slides_of(line, "2001:db8::1", Lang::En));
        assert!(s[1].contains("family 6 is IPv6") && s[1].contains("16 bytes"), "{s:?}");
        assert!(s[1].contains("6, 16, 32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 5"), "all 21 numbers: {s:?}");
        assert!(s[2].contains("2001:db8::1"), "{s:?}");
        assert!(s[3].contains("p1 = 4") && s[3].contains("p2 = 5") && s[3].contains("= 1029"), "{s:?}");
        let lprt = text(&slides_of("LPRT 4,4,192,168,1,2,2,4,5", "192.168.1.2", Lang::Vi));
        assert!(lprt[0].starts_with("Máy khách gửi lệnh này"), "{lprt:?}");
    }

    #[test]
    fn commands_are_commands_and_eprt_needs_no_arithmetic() {
        let port = text(&slides_of("PORT 192,168,0,3,19,243", "", Lang::En));
        assert!(port[1].starts_with("The command carries"), "{port:?}");
        let eprt = text(&slides_of("EPRT |1|203.0.113.7|5000|", "", Lang::En));
        assert!(eprt[1].contains("203.0.113.7") && eprt[1].contains("5000") && !eprt[1].contains("229"), "{eprt:?}");
    }

    #[test]
    fn leading_zeros_are_shown_going_away() {
        let padded = slides_of("227 Entering Passive Mode (010,000,000,001,4,5)", "203.0.113.10", Lang::En);
        assert_eq!(padded[2].big.as_deref(), Some("010.000.000.001 → 10.0.0.1"));
    }

    #[test]
    fn last_numbers_reads_digit_runs_from_the_end() {
        assert_eq!(last_numbers("228 Entering Long Passive Mode (6,16,", 2), ["6", "16"]);
        assert_eq!(last_numbers(",02,", 1), ["02"]);
        assert!(last_numbers("(", 2).is_empty());
    }
}
