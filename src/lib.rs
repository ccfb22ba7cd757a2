//! PASV Lens web page (placeholder until the page issue lands).
use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! { <main><h1>{ "PASV Lens" }</h1></main> }
}

/// Mount the app into `#app`.
pub fn start() {
    let root = gloo_root();
    yew::Renderer::<App>::with_root(root).render();
}

fn gloo_root() -> web_sys::Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    document.get_element_by_id("app").unwrap_or_else(|| document.body().expect("body").into())
}
