//! Vietnamese text: none of the glossary's phrases to avoid
//! (`tests/data/vietnamese-avoid.tsv`), and error messages that start with a
//! placeholder are capitalised by Unicode rules ("độ dài…" → "Độ dài…").
use pasv_core::{analyse, decode_all, error_message, render, CliMsg, Context, ExtrasMsg, Lang, LogMsg, Message, Msg};

const AVOID: &str = include_str!("data/vietnamese-avoid.tsv");
const VECTORS: &str = include_str!("vectors.tsv");

fn avoided() -> Vec<&'static str> {
    AVOID.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').next().unwrap()).collect()
}

fn offenders<M: Message + std::fmt::Debug>(all: &[M], phrases: &[&str], out: &mut Vec<String>) {
    for &msg in all {
        let text = render(Lang::Vi, msg, &[]).to_lowercase();
        for phrase in phrases {
            if text.contains(&phrase.to_lowercase()) {
                out.push(format!("{msg:?} contains “{phrase}”"));
            }
        }
    }
}

#[test]
fn no_vietnamese_message_uses_a_phrase_to_avoid() {
    let phrases = avoided();
    assert!(phrases.len() >= 10, "{phrases:?}");
    let mut out = vec![];
    offenders(Msg::ALL, &phrases, &mut out);
    offenders(LogMsg::ALL, &phrases, &mut out);
    offenders(ExtrasMsg::ALL, &phrases, &mut out);
    offenders(CliMsg::ALL, &phrases, &mut out);
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn the_phrase_check_finds_a_phrase() {
    let mut out = vec![];
    // The English catalog is not checked for Vietnamese phrases; a template
    // holding one must be found.
    let text = "Các phản hồi đã Lệch nhịp".to_lowercase();
    assert!(avoided().iter().any(|p| text.contains(&p.to_lowercase())));
    offenders::<Msg>(&[], &avoided(), &mut out);
    assert!(out.is_empty());
}

#[test]
fn error_messages_start_with_a_capital_in_every_language() {
    let mut inputs: Vec<String> =
        VECTORS.lines().skip(2).filter_map(|l| l.split('\t').next()).map(|i| i.replace("\\r\\n", "\r\n").replace("\\n", "\n")).collect();
    // Errors whose message starts with a field name ("độ dài địa chỉ (hal)", "byte địa chỉ h1").
    inputs.extend(["228 (4,16,1,2,3,4,2,5,6)", "227 Entering Passive Mode (300,0,2,10,156,64)", "227 (1,2,3,x,5,6)"].map(String::from));
    let mut seen_vi_field = false;
    for input in &inputs {
        for e in decode_all(input).iter().map(|d| analyse(d, &Context::default())) {
            let Some(err) = &e.decoded.error else { continue };
            for &lang in Lang::ALL {
                let message = error_message(lang, e.decoded.kind, err, input);
                let first = message.chars().next().unwrap();
                assert!(!first.is_lowercase(), "{lang:?} {input:?}: {message}");
                seen_vi_field |= lang == Lang::Vi && (message.starts_with("Độ dài") || message.starts_with("Byte"));
            }
        }
    }
    assert!(seen_vi_field, "no Vietnamese error starting with a field name was checked");
}
