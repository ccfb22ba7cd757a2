//! Helpers shared by the in-browser page tests (tests/web_page.rs): mount the
//! real `App` into a fresh element, drive it with DOM events like a person
//! does, and wait for Yew's scheduler without any timing assertions.
#![allow(dead_code)] // each test file uses a different part

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use pasv_lens_web::components::app::App;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, InputEvent, InputEventInit,
};
use yew::AppHandle;

/// The localStorage key of the saved language (src/browser.rs).
pub const LANG_KEY: &str = "pasv-lens-lang";

pub fn window() -> web_sys::Window {
    web_sys::window().expect("window")
}

pub fn document() -> Document {
    window().document().expect("document")
}

/// Resolves after `ms` milliseconds of the browser's event loop (a
/// `setTimeout` wrapped in a future), which lets Yew's scheduler render.
pub struct Sleep {
    state: Rc<RefCell<(bool, Option<Waker>)>>,
    _callback: Closure<dyn FnMut()>,
}

pub fn sleep(ms: i32) -> Sleep {
    let state = Rc::new(RefCell::new((false, None::<Waker>)));
    let shared = Rc::clone(&state);
    let callback = Closure::<dyn FnMut()>::new(move || {
        let mut s = shared.borrow_mut();
        s.0 = true;
        if let Some(w) = s.1.take() {
            w.wake();
        }
    });
    window().set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms).expect("setTimeout");
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

/// Wait until `cond` holds, polling between turns of the event loop; panics
/// with `what` if it never does (a generous bound, not a timing assertion).
pub async fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..500 {
        if cond() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Put `query` (e.g. `?lang=en`) in the address bar without reloading.
pub fn set_query(query: &str) {
    let path = window().location().pathname().expect("pathname");
    window().history().expect("history").replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}"))).expect("replaceState");
}

/// The address bar's query string.
pub fn current_search() -> String {
    window().location().search().unwrap_or_default()
}

pub fn local_storage() -> web_sys::Storage {
    window().local_storage().expect("localStorage").expect("localStorage available")
}

/// A mounted `App` (page mode) in its own element, removed on drop.
pub struct Page {
    pub root: Element,
    handle: Option<AppHandle<App>>,
}

impl Page {
    /// Start from a clean slate (URL `query`, no saved language) and mount
    /// the app as `yew::Renderer::<App>::with_root(div).render()` does.
    pub async fn mount(query: &str) -> Page {
        Page::mount_with(query, None).await
    }

    /// Like [`Page::mount`], with `saved` as the language an earlier visit chose.
    pub async fn mount_with(query: &str, saved: Option<&str>) -> Page {
        match saved {
            Some(code) => local_storage().set_item(LANG_KEY, code).expect("setItem"),
            None => local_storage().remove_item(LANG_KEY).expect("removeItem"),
        }
        set_query(query);
        // A test that failed (wasm panics abort, so its `Page` was never
        // dropped) may have left its app behind: take it out of the way.
        let leftovers = document().query_selector_all(".test-root").expect("selector");
        for i in 0..leftovers.length() {
            if let Some(e) = leftovers.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                e.remove();
            }
        }
        let root = document().create_element("div").expect("div");
        root.set_class_name("test-root");
        document().body().expect("body").append_child(&root).expect("append");
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        let page = Page { root, handle: Some(handle) };
        wait_for("the app to render #reply", || page.find("#reply").is_some()).await;
        // Effects (URL, title, saved language) run after the first render.
        settle().await;
        page
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).expect("valid selector")
    }

    pub fn get(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| panic!("no element matches {selector:?}; page text: {:?}", self.root.text_content()))
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).expect("valid selector");
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
    }

    /// Text content of the first match (panics when there is none).
    pub fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    /// Text content of the first match, or `None`.
    pub fn text_of(&self, selector: &str) -> Option<String> {
        self.find(selector).map(|e| e.text_content().unwrap_or_default())
    }

    /// The current value of a textarea, input or select.
    pub fn value(&self, selector: &str) -> String {
        let el = self.get(selector);
        if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.value()
        } else if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.value()
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            s.value()
        } else {
            panic!("{selector:?} has no value")
        }
    }

    /// Replace a field's text and fire a bubbling `input` event, as typing or
    /// pasting does; then let Yew render.
    pub async fn type_into(&self, selector: &str, text: &str) {
        let el = self.get(selector);
        if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(text);
        } else if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.set_value(text);
        } else {
            panic!("{selector:?} is not a text field");
        }
        let init = InputEventInit::new();
        init.set_bubbles(true);
        init.set_data(Some(text));
        init.set_input_type("insertFromPaste");
        let event = InputEvent::new_with_event_init_dict("input", &init).expect("InputEvent");
        el.dispatch_event(&event).expect("dispatch input");
        settle().await;
    }

    /// Choose an option of a `<select>` and fire `change`.
    pub async fn select(&self, selector: &str, value: &str) {
        let el = self.get(selector);
        el.dyn_ref::<HtmlSelectElement>().unwrap_or_else(|| panic!("{selector:?} is not a select")).set_value(value);
        let init = EventInit::new();
        init.set_bubbles(true);
        el.dispatch_event(&Event::new_with_event_init_dict("change", &init).expect("Event")).expect("dispatch change");
        settle().await;
    }

    /// Click an element (a real `click` event, bubbling like a mouse click).
    pub async fn click(&self, selector: &str) {
        self.get(selector).dyn_into::<HtmlElement>().expect("an HTML element").click();
        settle().await;
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
        let _ = local_storage().remove_item(LANG_KEY);
        set_query("");
    }
}

/// A few turns of the event loop: enough for Yew to run its scheduler.
pub async fn settle() {
    for _ in 0..3 {
        sleep(0).await;
    }
}
