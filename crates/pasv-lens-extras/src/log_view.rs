//! A pasted session log: the verdict first, then every exchange in order;
//! a row opens its full explanation card. Long logs render in pages.
use pasv_core::log::{ExchangeReport, FailureReport, LogReport};
use pasv_core::{render, severity_msg, Arg, Lang, LogMsg, Msg, SocketTarget};
use yew::prelude::*;

use std::rc::Rc;

use pasv_lens_ui::browser;
use pasv_lens_ui::components::result_card::{CardContext, ResultCard};
use pasv_lens_ui::i18n::{t, t1};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement, ScrollIntoViewOptions, ScrollLogicalPosition};

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
/// log's client may have used. An address with its port never breaks across
/// lines (`.ep`); the arrow between two may.
fn outcome(e: &ExchangeReport) -> Html {
    let r = &e.report;
    let ep = |text: String| html! { <span class="ep">{ text }</span> };
    let announced = r.ip.as_deref().and_then(|ip| ip.parse().ok()).zip(r.port).map(|(ip, port)| SocketTarget { ip, port }.to_string());
    match (&r.error, announced, &r.connect_to) {
        (Some(err), _, _) => html! { { err.message.clone() } },
        (None, Some(announced), Some(target)) if announced != *target => html! { <>{ ep(announced) }{ " → " }{ ep(target.clone()) }</> },
        (None, Some(announced), _) => ep(announced),
        (None, None, Some(target)) => ep(target.clone()),
        (None, None, None) => ep(r.port.map(|p| p.to_string()).or(e.reply_code.map(|c| c.to_string())).unwrap_or_default()),
    }
}

/// Select line `n` (1-based) of the page's input and bring it into view:
/// the log's line numbers count the lines of the text in that field.
fn show_line(n: usize) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(area) = document.get_element_by_id("reply").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()) else { return };
    let value = area.value();
    // The selection counts UTF-16 code units.
    let mut start = 0u32;
    for (i, line) in value.split('\n').enumerate() {
        let len = line.encode_utf16().count() as u32;
        if i + 1 == n {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Nearest);
            area.scroll_into_view_with_scroll_into_view_options(&options);
            let _ = area.focus();
            let _ = area.set_selection_range(start, start + len);
            // Browsers do not all scroll a field to a selection set by script:
            // put the line a third of the way down the field.
            if let Some(top) = line_top(&document, &area, &value, i) {
                area.set_scroll_top(top - area.client_height() / 3);
            }
            return;
        }
        start += len + 1;
    }
}

/// Where line `index` (0-based) of `value` starts inside `area`, in pixels
/// from the top of its text: measured on a hidden copy laid out like the
/// field (same font, same width, the same wrapping of long lines).
fn line_top(document: &web_sys::Document, area: &HtmlTextAreaElement, value: &str, index: usize) -> Option<i32> {
    let style = web_sys::window()?.get_computed_style(area).ok()??;
    let px = |name: &str| style.get_property_value(name).ok().and_then(|v| v.trim_end_matches("px").parse::<f64>().ok()).unwrap_or(0.0);
    let mirror: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    let css = mirror.style();
    for name in ["font-family", "font-size", "font-weight", "line-height", "letter-spacing", "tab-size", "word-break", "overflow-wrap"] {
        let _ = css.set_property(name, &style.get_property_value(name).unwrap_or_default());
    }
    let width = f64::from(area.client_width()) - px("padding-left") - px("padding-right");
    for (name, v) in [
        ("white-space", "pre-wrap".to_owned()),
        ("position", "absolute".into()),
        ("visibility", "hidden".into()),
        ("width", format!("{width}px")),
    ] {
        let _ = css.set_property(name, &v);
    }
    let before: usize = value.split('\n').take(index).map(|l| l.len() + 1).sum();
    mirror.set_text_content(Some(&value[..before]));
    let marker: HtmlElement = document.create_element("span").ok()?.dyn_into().ok()?;
    marker.set_text_content(Some("\u{200b}"));
    mirror.append_child(&marker).ok()?;
    document.body()?.append_child(&mirror).ok()?;
    let top = marker.offset_top();
    mirror.remove();
    Some(top)
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
        let line = e.line;
        let online = Callback::from(move |ev: MouseEvent| {
            ev.prevent_default();
            show_line(line);
        });
        html! {
            <li class={classes!("exchange", tone)} key={i}>
                <div class="exchange-head">
                <a class="line line-link" href="#reply" title={t1(lang, LogMsg::UiShowLine, "n", &line)} onclick={online}>{ t1(lang, Msg::UiLine, "n", &line) }</a>
                <button type="button" class="exchange-row" aria-expanded={expanded.to_string()} {onclick}>
                    <span class="chevron" aria-hidden="true">{ "›" }</span>
                    <span class="cmd">{ command }</span>
                    <span class="reply">{ e.report.code.or(e.reply_code).map(|c| c.to_string()).unwrap_or_default() }</span>
                    <span class="outcome">{ outcome(e) }</span>
                </button>
                </div>
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
    // A clean log says so in words and with an icon, in green: not a note.
    let clean = v.id == "no-problem";
    let state = if clean {
        html! { <span class="state-ok"><span class="icon" aria-hidden="true">{ "✓" }</span>{ t(lang, LogMsg::UiStateNoProblem) }</span> }
    } else {
        html! { <span class={classes!("sev-badge", format!("sev-{sev}"))}>{ t(lang, severity_msg(v.severity)) }</span> }
    };
    html! {
        <div class="log-view">
            <section class={classes!("verdict", if clean { "ok".to_owned() } else { format!("sev-{sev}") })} aria-labelledby="verdict-title">
                <h3 id="verdict-title">{ t(lang, LogMsg::UiVerdict) }{ state }</h3>
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
