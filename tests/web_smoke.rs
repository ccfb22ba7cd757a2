//! In-browser smoke test (headless Chromium via wasm-bindgen-test-runner and
//! chromedriver): mounting the app fills the `#app` element.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p pasv-lens-web`
//! (scripts/env.sh sets the runner); on native targets this file is empty.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod support;
use support::sleep;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn app_mounts_into_the_app_element() {
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let root = document.create_element("div").expect("create div");
    root.set_id("app");
    document.body().expect("body").append_child(&root).expect("append #app");
    assert_eq!(root.child_element_count(), 0);

    pasv_lens_web::start();

    // Yew renders from its scheduler; give it a few turns of the event loop.
    for _ in 0..50 {
        if root.child_element_count() > 0 {
            break;
        }
        sleep(20).await;
    }
    assert!(root.child_element_count() > 0, "#app is still empty after mounting the app");
    let text = root.text_content().unwrap_or_default();
    assert!(!text.trim().is_empty(), "the app rendered no text into #app");
}
