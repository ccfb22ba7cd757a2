//! In-browser component and integration tests of the page: the real `App`
//! mounted with `yew::Renderer::with_root` into a fresh element of the test
//! page, driven with DOM events (typing, clicking, choosing) and checked
//! through the DOM a person sees. Expected wording comes from the core's
//! catalog, so a reworded translation does not break these tests.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p pasv-lens-web`
//! (scripts/env.sh sets wasm-bindgen-test-runner and chromedriver); on
//! native targets this file is empty.
#![cfg(target_arch = "wasm32")]

mod support;

use pasv_core::{kind_msg, render, report_all, Arg, Context, Kind, Lang, Message, Msg};
use pasv_lens_web::state::EXAMPLES;
use support::{current_search, document, local_storage, settle, wait_for, window, Page, LANG_KEY};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const NAT_REPLY: &str = "227 Entering Passive Mode (10,0,0,12,156,64).";
const MALFORMED: &str = "227 Entering Passive Mode (192,168,1,2,300,5)";

fn t(lang: Lang, msg: impl Message) -> String {
    render(lang, msg, &[])
}

fn texts(page: &Page, selector: &str) -> Vec<String> {
    page.all(selector).iter().map(|e| e.text_content().unwrap_or_default()).collect()
}

fn has_class(element: &web_sys::Element, class: &str) -> bool {
    element.get_attribute("class").unwrap_or_default().split_whitespace().any(|c| c == class)
}

fn html_lang() -> String {
    document().document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default()
}

/// What the core says the first report's `connect_to` is for this input and control IP.
fn core_connect_to(input: &str, control: &str) -> Option<String> {
    let context = Context { control_ip: control.parse().ok(), sent: None };
    report_all(input, &context, Lang::En).into_iter().next().and_then(|r| r.connect_to)
}

#[wasm_bindgen_test]
async fn empty_page_welcomes_and_labels_the_input() {
    let page = Page::mount("?lang=en").await;
    assert_eq!(page.text("label[for=reply]"), t(Lang::En, Msg::UiInputLabel));
    assert_eq!(page.text("label[for=control]"), t(Lang::En, Msg::UiControlLabel));
    assert_eq!(page.text(".welcome"), t(Lang::En, Msg::UiWelcome));
    assert!(page.find(".card").is_none(), "no result card before any input");
    assert_eq!(html_lang(), "en");
    assert_eq!(document().title(), t(Lang::En, Msg::UiPageTitle));
}

#[wasm_bindgen_test]
async fn typed_reply_shows_address_port_and_arithmetic() {
    let page = Page::mount("?lang=en").await;
    page.type_into("#reply", NAT_REPLY).await;
    wait_for("a result card", || page.find(".card").is_some()).await;

    assert_eq!(page.text(".card h3"), t(Lang::En, kind_msg(Kind::Pasv)));
    assert_eq!(page.text(".card .code-badge"), "227");
    assert_eq!(page.text(".endpoint .says-address"), "10.0.0.12");
    assert_eq!(page.text(".endpoint .says-port"), "40000");

    // The arithmetic, shown step by step and read out as one sentence.
    let sum = page.text(".arithmetic .sum");
    assert!(sum.contains("156 × 256 + 64"), "arithmetic shows {sum:?}");
    assert!(sum.ends_with("= 39936 + 64 = 40000"), "arithmetic shows {sum:?}");
    let spoken = render(
        Lang::En,
        Msg::UiArithmetic,
        &[Arg { name: "p1", value: &156 }, Arg { name: "p2", value: &64 }, Arg { name: "port", value: &40000 }],
    );
    assert_eq!(page.get(".arithmetic .sum").get_attribute("aria-label").as_deref(), Some(spoken.as_str()));

    // The mirrored backdrop marks the address and port bytes of the input.
    assert_eq!(texts(&page, ".backdrop mark.hl-address"), ["10", "0", "0", "12"]);
    assert_eq!(texts(&page, ".backdrop mark.hl-port"), ["156", "64"]);
    assert!(page.find(".backdrop mark.hl-error").is_none(), "a valid reply has no error mark");

    // The textarea keeps exactly what was typed; the URL is a permalink to it.
    assert_eq!(page.value("#reply"), NAT_REPLY);
    let search = current_search();
    assert!(search.contains("reply=227") && search.contains("lang=en"), "URL query is {search:?}");

    // The live region announces the result for screen readers.
    let live = page.text("[aria-live=polite]");
    assert!(live.starts_with(&t(Lang::En, kind_msg(Kind::Pasv))), "live region says {live:?}");
}

#[wasm_bindgen_test]
async fn switching_to_vietnamese_changes_labels_and_keeps_the_input() {
    let page = Page::mount("?lang=en").await;
    page.type_into("#reply", NAT_REPLY).await;
    page.type_into("#control", "203.0.113.10").await;
    wait_for("a result card", || page.find(".card").is_some()).await;
    assert_eq!(page.get(".lang-button[lang=en]").get_attribute("aria-pressed").as_deref(), Some("true"));

    page.click(".lang-button[lang=vi]").await;
    wait_for("Vietnamese labels", || page.text("label[for=reply]") == t(Lang::Vi, Msg::UiInputLabel)).await;
    assert_ne!(t(Lang::Vi, Msg::UiInputLabel), t(Lang::En, Msg::UiInputLabel));
    assert_eq!(page.text("label[for=control]"), t(Lang::Vi, Msg::UiControlLabel));
    assert_eq!(page.text("label[for=sent]"), t(Lang::Vi, Msg::UiSentLabel));
    assert_eq!(page.text(".copy-link"), t(Lang::Vi, Msg::UiCopyLink));
    assert_eq!(page.text(".card h3"), t(Lang::Vi, kind_msg(Kind::Pasv)));
    assert_eq!(page.text(".arithmetic figcaption"), t(Lang::Vi, Msg::UiArithmeticTitle));
    assert_eq!(page.get(".lang-button[lang=vi]").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(page.get(".lang-button[lang=en]").get_attribute("aria-pressed").as_deref(), Some("false"));

    // What the person typed is untouched, and so is the result.
    assert_eq!(page.value("#reply"), NAT_REPLY);
    assert_eq!(page.value("#control"), "203.0.113.10");
    assert_eq!(page.text(".endpoint .says-address"), "10.0.0.12");
    assert_eq!(page.text(".endpoint .says-port"), "40000");

    // The document, the saved choice and the permalink follow.
    assert_eq!(html_lang(), "vi");
    assert_eq!(document().title(), t(Lang::Vi, Msg::UiPageTitle));
    assert_eq!(local_storage().get_item(LANG_KEY).unwrap().as_deref(), Some("vi"));
    let search = current_search();
    assert!(search.contains("lang=vi") && search.contains("reply=") && search.contains("control=203.0.113.10"), "URL query is {search:?}");

    // And back.
    page.click(".lang-button[lang=en]").await;
    wait_for("English labels", || page.text("label[for=reply]") == t(Lang::En, Msg::UiInputLabel)).await;
    assert_eq!(page.value("#reply"), NAT_REPLY);
    assert_eq!(html_lang(), "en");
    assert_eq!(local_storage().get_item(LANG_KEY).unwrap().as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn malformed_reply_marks_the_offending_characters() {
    let page = Page::mount("?lang=en").await;
    page.type_into("#reply", MALFORMED).await;
    wait_for("an error mark", || page.find(".backdrop mark.hl-error").is_some()).await;

    assert_eq!(texts(&page, ".backdrop mark.hl-error"), ["300"]);
    // The backdrop mirrors the input exactly (plus a zero-width space that
    // lets a trailing newline take up a line).
    assert_eq!(page.text(".backdrop .highlights"), format!("{MALFORMED}\u{200b}"));
    assert!(page.find(".endpoint").is_none(), "no endpoint for a reply that does not decode");

    // The answer says "invalid" and gives the core's message in the page's language.
    let expected = report_all(MALFORMED, &Context::default(), Lang::En).remove(0).error.expect("the core reports an error").message;
    let shown = page.text(".card .answer .sentence");
    assert!(page.text(".card .answer .state").ends_with(&t(Lang::En, Msg::UiStateInvalid)), "the state says invalid");
    assert_eq!(shown, expected, "the answer gives the core's message");
    assert!(has_class(&page.get(".card"), "tone-error"));

    page.click(".lang-button[lang=vi]").await;
    let expected_vi = report_all(MALFORMED, &Context::default(), Lang::Vi).remove(0).error.expect("error").message;
    wait_for("the Vietnamese error", || page.text(".card .answer .sentence") == expected_vi).await;
    assert_ne!(expected, expected_vi);
    assert_eq!(texts(&page, ".backdrop mark.hl-error"), ["300"], "the mark does not depend on the language");
}

#[wasm_bindgen_test]
async fn control_field_changes_connect_to() {
    let page = Page::mount("?lang=en").await;
    page.type_into("#reply", NAT_REPLY).await;
    wait_for("a result card", || page.find(".endpoint .target").is_some()).await;
    let without = page.text(".endpoint .target");
    let expected_without = core_connect_to(NAT_REPLY, "").unwrap_or_else(|| t(Lang::En, Msg::UiConnectToUnknown));
    assert_eq!(without, expected_without);

    page.type_into("#control", "203.0.113.10").await;
    wait_for("connect_to to follow the control IP", || page.text(".endpoint .target") == "203.0.113.10:40000").await;
    assert_eq!(core_connect_to(NAT_REPLY, "203.0.113.10").as_deref(), Some("203.0.113.10:40000"));
    assert_ne!(without, "203.0.113.10:40000");
    assert_eq!(page.get("#control").get_attribute("aria-invalid").as_deref(), Some("false"));
    assert!(current_search().contains("control=203.0.113.10"), "URL query is {:?}", current_search());
    // The NAT finding appears once the control connection is known.
    assert!(page.find(".finding[data-id=nat-unroutable-address]").is_some(), "no NAT finding: {:?}", texts(&page, ".finding"));

    // Something that is not an address is flagged and ignored.
    page.type_into("#control", "not-an-ip").await;
    wait_for("the invalid-address help", || has_class(&page.get("#control-help"), "invalid")).await;
    assert_eq!(page.get("#control").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(page.text("#control-help").contains("not-an-ip"));
    assert_eq!(page.text(".endpoint .target"), without, "an invalid control IP is ignored");
    assert_eq!(page.value("#control"), "not-an-ip", "the field keeps what was typed");

    // An IPv6 control connection with EPSV: the port goes to the control address.
    page.type_into("#reply", "229 Entering Extended Passive Mode (|||50006|)").await;
    page.type_into("#control", "2001:db8::7").await;
    wait_for("the IPv6 target", || page.text_of(".endpoint .target").as_deref() == Some("[2001:db8::7]:50006")).await;
}

#[wasm_bindgen_test]
async fn command_sent_menu_is_taken_into_account() {
    let page = Page::mount("?lang=en").await;
    page.type_into("#reply", NAT_REPLY).await;
    wait_for("a result card", || page.find(".card").is_some()).await;
    assert!(page.find(".card .sent").is_none());
    page.select("#sent", "PASV").await;
    let answers = render(Lang::En, Msg::UiAnswers, &[Arg { name: "sent", value: &"PASV" }]);
    wait_for("the sent badge", || page.text_of(".card .sent").as_deref() == Some(answers.as_str())).await;
    assert!(current_search().contains("sent=PASV"), "URL query is {:?}", current_search());
    assert_eq!(page.value("#sent"), "PASV");
}

#[wasm_bindgen_test]
async fn examples_strip_loads_each_example() {
    let page = Page::mount("?lang=en").await;
    let buttons = page.all(".examples button.example");
    assert_eq!(buttons.len(), EXAMPLES.len());
    for (i, example) in EXAMPLES.iter().enumerate() {
        assert_eq!(buttons[i].text_content().unwrap_or_default(), t(Lang::En, example.label));
        page.click(&format!(".examples li:nth-child({}) button", i + 1)).await;
        wait_for("the example in the textarea", || page.value("#reply") == example.reply).await;
        assert_eq!(page.value("#control"), example.control, "example {i}");
        wait_for("a result card", || page.find(".card").is_some()).await;
        let expected = report_all(example.reply, &Context { control_ip: example.control.parse().ok(), sent: None }, Lang::En);
        assert_eq!(page.all(".card").len(), expected.len(), "example {i}: one card per report");
        assert_eq!(page.text(".card h3"), t(Lang::En, kind_msg(expected[0].kind)), "example {i}");
    }
}

#[wasm_bindgen_test]
async fn permalink_restores_the_state() {
    let page =
        Page::mount("?reply=227%20Entering%20Passive%20Mode%20(10%2C0%2C0%2C12%2C156%2C64).&control=203.0.113.10&sent=PASV&lang=vi").await;
    wait_for("a result card", || page.find(".card").is_some()).await;
    assert_eq!(page.value("#reply"), NAT_REPLY);
    assert_eq!(page.value("#control"), "203.0.113.10");
    assert_eq!(page.value("#sent"), "PASV");
    assert_eq!(page.text("label[for=reply]"), t(Lang::Vi, Msg::UiInputLabel));
    assert_eq!(page.text(".endpoint .target"), "203.0.113.10:40000");
    assert_eq!(html_lang(), "vi");
}

#[wasm_bindgen_test]
async fn saved_language_applies_without_a_lang_parameter() {
    let page = Page::mount_with("", Some("vi")).await;
    assert_eq!(page.text("label[for=reply]"), t(Lang::Vi, Msg::UiInputLabel));
    wait_for("the URL to name the language", || current_search().contains("lang=vi")).await;
    assert_eq!(html_lang(), "vi");
    drop(page);
    // A lang parameter wins over the saved choice, without replacing it:
    // only pressing a language button does.
    let page = Page::mount_with("?lang=en", Some("vi")).await;
    assert_eq!(page.text("label[for=reply]"), t(Lang::En, Msg::UiInputLabel));
    assert_eq!(local_storage().get_item(LANG_KEY).unwrap().as_deref(), Some("vi"), "a link's language is not saved");
    drop(page);
    let page = Page::mount("?lang=vi").await;
    assert_eq!(local_storage().get_item(LANG_KEY).unwrap(), None, "nothing saved by opening a link");
    page.click("button.lang-button[lang=en]").await;
    wait_for("English labels", || page.text("label[for=reply]") == t(Lang::En, Msg::UiInputLabel)).await;
    assert_eq!(local_storage().get_item(LANG_KEY).unwrap().as_deref(), Some("en"), "a chosen language is saved");
}

#[wasm_bindgen_test]
async fn several_lines_give_several_cards_with_line_numbers() {
    let page = Page::mount("?lang=vi").await;
    page.type_into("#reply", "227 Entering Passive Mode (198,51,100,20,195,80).\n\n229 Entering Extended Passive Mode (|||50006|)").await;
    wait_for("two cards", || page.all(".card").len() == 2).await;
    let count = render(Lang::Vi, Msg::UiResultsCount, &[Arg { name: "n", value: &2 }]);
    assert_eq!(page.text(".results .count"), count);
    let lines: Vec<String> = texts(&page, ".card .line");
    let line = |n: usize| render(Lang::Vi, Msg::UiLine, &[Arg { name: "n", value: &n }]);
    assert_eq!(lines, [line(1), line(3)]);
}

#[wasm_bindgen_test]
async fn markup_in_every_field_is_shown_as_text() {
    let img = "<img src=x onerror=\"window.__pasvPwned=1\">";
    let script = "<script>window.__pasvPwned=2</script>";
    let page = Page::mount("?lang=en").await;
    page.type_into("#reply", &format!("227 Entering Passive Mode ({img},{script})")).await;
    page.type_into("#control", img).await;
    wait_for("the invalid-address help", || has_class(&page.get("#control-help"), "invalid")).await;
    // Give an injected image time to fail and run its handler, if there were one.
    support::sleep(100).await;

    assert!(page.find("img").is_none() && page.find("script").is_none(), "markup became elements");
    assert!(page.text(".backdrop .highlights").contains(img), "the backdrop shows the text");
    assert!(page.text(".backdrop .highlights").contains(script), "the backdrop shows the text");
    assert!(page.text("#control-help").contains(img), "the help repeats the text as text");
    let pwned = js_sys::Reflect::get(&window(), &"__pasvPwned".into()).unwrap();
    assert!(pwned.is_undefined(), "injected markup ran: {pwned:?}");

    // And through the URL.
    drop(page);
    let query = format!("?reply={}&control={}&lang=en", js_sys::encode_uri_component(script), js_sys::encode_uri_component(img));
    let page = Page::mount(&query).await;
    settle().await;
    support::sleep(100).await;
    assert_eq!(page.value("#reply"), script);
    assert_eq!(page.value("#control"), img);
    assert!(page.find("img").is_none() && page.find("script").is_none(), "markup from the URL became elements");
    let pwned = js_sys::Reflect::get(&window(), &"__pasvPwned".into()).unwrap();
    assert!(pwned.is_undefined(), "injected markup from the URL ran: {pwned:?}");
}
