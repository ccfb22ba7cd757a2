//! In-browser smoke test (headless Chromium via wasm-bindgen-test-runner and
//! chromedriver): mounting the app fills the `#app` element.
//!
//! Run with `cargo test --target wasm32-unknown-unknown -p pasv-lens-web`
//! (scripts/env.sh sets the runner); on native targets this file is empty.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Resolves after `ms` milliseconds (lets Yew's scheduler render).
struct Sleep {
    state: Rc<RefCell<(bool, Option<Waker>)>>,
    _callback: Closure<dyn FnMut()>,
}

fn sleep(ms: i32) -> Sleep {
    let state = Rc::new(RefCell::new((false, None::<Waker>)));
    let shared = Rc::clone(&state);
    let callback = Closure::<dyn FnMut()>::new(move || {
        let mut s = shared.borrow_mut();
        s.0 = true;
        if let Some(w) = s.1.take() {
            w.wake();
        }
    });
    web_sys::window()
        .expect("window")
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms)
        .expect("setTimeout");
    Sleep { state, _callback: callback }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut s = self.state.borrow_mut();
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

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
