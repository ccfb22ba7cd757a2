//! A pasted session log: the verdict first, then every exchange in order;
//! a row opens its full explanation card. Long logs render in pages.
use pasv_core::log::{ExchangeReport, FailureReport, LogReport};
use pasv_core::{render, severity_msg, Arg, Lang, LogMsg, Msg, SocketTarget};
use yew::prelude::*;

use std::rc::Rc;

use pasv_lens_web::browser;
use pasv_lens_web::components::result_card::{CardContext, ResultCard};
use pasv_lens_web::i18n::{t, t1};

/// Rows rendered at first and added by "show more", so a huge log never
/// freezes the page.
const PAGE_ROWS: usize = 200;

/// Props: the core's log report.
#[derive(Properties, PartialEq)]
pub struct LogProps {
    /// The report.
    pub log: LogReport,
    /// Per exchange, the line where the client says where it connected
    /// (the report gives the target only).
    pub client_target_lines: Vec<Option<usize>>,
    /// Display language.
    pub lang: Lang,
    /// The pasted log (for "copy a redacted log").
    pub input: Rc<str>,
}

/// The row's summary: the address the reply announced and, when a careful
/// client connects elsewhere (a NAT address replaced by the control
/// connection's), `→` that target — so the row never hides the address the
/// log's client may have used.
fn outcome(e: &ExchangeReport) -> String {
    let r = &e.report;
    let announced = r.ip.as_deref().and_then(|ip| ip.parse().ok()).zip(r.port).map(|(ip, port)| SocketTarget { ip, port }.to_string());
    match (&r.error, announced, &r.connect_to) {
        (Some(err), _, _) => err.message.clone(),
        (None, Some(announced), Some(target)) if announced != *target => format!("{announced} → {target}"),
        (None, Some(announced), _) => announced,
        (None, None, Some(target)) => target.clone(),
        (None, None, None) => r.port.map(|p| p.to_string()).or(e.reply_code.map(|c| c.to_string())).unwrap_or_default(),
    }
}

/// A data-connection failure and the client's own words for it.
fn failure(lang: Lang, f: &FailureReport) -> Html {
    let what = render(lang, LogMsg::UiDataFailure, &[Arg { name: "line", value: &f.line }, Arg { name: "kind", value: &f.message }]);
    html! { <>{ what }{ " — " }<q class="client-says">{ &f.text }</q></> }
}

/// The log view.
#[function_component(LogView)]
pub fn log_view(props: &LogProps) -> Html {
    let LogProps { log, client_target_lines, lang, input } = props;
    let lang = *lang;
    let open = use_state(|| None::<usize>);
    let shown = use_state(|| PAGE_ROWS);
    let copied = use_state(|| false);
    let s = &log.summary;
    let v = &s.verdict;

    let oncopy = {
        let input = input.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let redacted = pasv_core::log::redact(&input);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(browser::copy_text(redacted).await);
            });
        })
    };
    let line_arg = |msg: LogMsg, line: usize| t1(lang, msg, "line", &line);
    let facts = [
        s.format_name.as_ref().map(|f| t1(lang, LogMsg::UiFormat, "format", f)),
        Some(match (s.server_name, s.server_line) {
            (Some(name), Some(line)) => {
                let msg = if s.server_guessed { LogMsg::UiServerGuessed } else { LogMsg::UiServer };
                render(lang, msg, &[Arg { name: "server", value: &name }, Arg { name: "line", value: &line }])
            }
            _ => t(lang, LogMsg::UiServerUnknown),
        }),
        Some(match (&s.control_ip, s.control_line) {
            (Some(ip), Some(line)) => {
                render(lang, LogMsg::UiControlLog, &[Arg { name: "address", value: ip }, Arg { name: "line", value: &line }])
            }
            (Some(ip), None) => t1(lang, LogMsg::UiControlOverride, "address", ip),
            _ => t(lang, LogMsg::UiControlUnknown),
        }),
    ];
    // What belongs to no exchange: failures after none, and replies no command waited for.
    let loose = s.data_failures.iter().filter(|f| f.exchange.is_none()).map(|f| failure(lang, f)).chain(s.stray_replies.iter().map(|r| {
        html! { { render(lang, LogMsg::UiStray, &[Arg { name: "line", value: &r.line }, Arg { name: "code", value: &r.code }]) } }
    }));
    let rows = log.exchanges.iter().enumerate().take(*shown).map(|(i, e)| {
        let expanded = *open == Some(i);
        let onclick = {
            let open = open.clone();
            Callback::from(move |_| open.set(if expanded { None } else { Some(i) }))
        };
        let worst = e.report.findings.iter().map(|f| f.severity).max();
        let tone = if e.report.error.is_some() || e.data_failure.is_some() || e.out_of_step {
            "tone-error"
        } else {
            match worst {
                Some(pasv_core::Severity::Danger) => "tone-danger",
                Some(pasv_core::Severity::Warning) => "tone-warning",
                _ => "tone-ok",
            }
        };
        let command = e.command.clone().unwrap_or_else(|| t(lang, LogMsg::UiNoCommand));
        // Every note the core has for the exchange, in the CLI's order: the
        // problems (red), then what the client did and how it ended.
        let client_target = e.client_target.as_ref().zip(client_target_lines.get(i).copied().flatten()).map(|(target, line)| {
            render(lang, LogMsg::UiClientTarget, &[Arg { name: "line", value: &line }, Arg { name: "target", value: target }])
        });
        let problems =
            [e.out_of_step.then(|| html! { { t(lang, LogMsg::UiOutOfStep) } }), e.data_failure.as_ref().map(|f| failure(lang, f))];
        let notes = [
            e.fallback_from_line.map(|l| line_arg(LogMsg::UiFallback, l)),
            e.client_fixup_line.map(|l| line_arg(LogMsg::UiClientFixup, l)),
            e.client_ignores_address.then(|| t(lang, LogMsg::UiFtplibIgnoresAddress)),
            client_target,
            e.completed_line.map(|l| line_arg(LogMsg::UiCompleted, l)),
        ];
        html! {
            <li class={classes!("exchange", tone)} key={i}>
                <button type="button" class="exchange-row" aria-expanded={expanded.to_string()} {onclick}>
                    <span class="line">{ t1(lang, Msg::UiLine, "n", &e.line) }</span>
                    <span class="cmd">{ command }</span>
                    <span class="reply">{ e.report.code.or(e.reply_code).map(|c| c.to_string()).unwrap_or_default() }</span>
                    <span class="outcome">{ outcome(e) }</span>
                </button>
                { for problems.into_iter().flatten().map(|p| html! { <p class="row-note">{ p }</p> }) }
                { for notes.into_iter().flatten().map(|n| html! { <p class="row-note info">{ n }</p> }) }
                { for expanded.then(|| {
                    let command = e.command.as_deref().and_then(pasv_core::Command::parse);
                    let context = CardContext { source: e.text.clone(), control: s.control_ip.clone().unwrap_or_default(), sent: command };
                    html! { <ResultCard report={e.report.clone()} {lang} line={Some(e.line)} context={Some(context)} /> }
                }) }
            </li>
        }
    });
    let more = (log.exchanges.len() > *shown).then(|| {
        let remaining = log.exchanges.len() - *shown;
        let shown = shown.clone();
        let onclick = Callback::from(move |_| shown.set(*shown + PAGE_ROWS));
        html! { <button type="button" class="more" {onclick}>{ t1(lang, Msg::UiShowMore, "n", &remaining) }</button> }
    });
    let sev = v.severity.as_str();
    html! {
        <div class="log-view">
            <section class={classes!("verdict", format!("sev-{sev}"))} aria-labelledby="verdict-title">
                <h3 id="verdict-title">{ t(lang, LogMsg::UiVerdict) }
                    <span class={classes!("sev-badge", format!("sev-{sev}"))}>{ t(lang, severity_msg(v.severity)) }</span></h3>
                <p class="verdict-text">{ &v.message }</p>
                <p class="citation verdict-source">{ t(lang, Msg::UiSource) }{ ": " }
                    <a href={v.citation.url} rel="noopener noreferrer" target="_blank">{ v.citation.label }</a></p>
                { for v.fix.as_ref().map(|f| html! {
                    <div class="fix">
                        <h4>{ t(lang, LogMsg::UiFix) }</h4>
                        <p>{ &f.message }</p>
                        <p class="citation">{ t(lang, Msg::UiSource) }{ ": " }
                            <a href={f.citation.url} rel="noopener noreferrer" target="_blank">{ f.citation.label }</a></p>
                    </div>
                }) }
            </section>
            <ul class="log-facts">
                { for facts.into_iter().flatten().map(|f| html! { <li>{ f }</li> }) }
                { for loose.map(|f| html! { <li class="loose">{ f }</li> }) }
            </ul>
            <div class="share">
                <button type="button" class="copy-redacted" onclick={oncopy}>{ t(lang, LogMsg::UiCopyRedacted) }</button>
                <span class="copy-status" role="status">{ if *copied { t(lang, LogMsg::UiCopiedRedacted) } else { String::new() } }</span>
                <span class="help">{ t(lang, LogMsg::UiRedacted) }</span>
            </div>
            <h3 class="exchanges-title">{ t1(lang, LogMsg::UiExchangesCount, "n", &s.exchanges) }</h3>
            <ol class="exchanges">{ for rows }</ol>
            { for more }
        </div>
    }
}
