//! The page binary. Its `main` runs whenever the module is initialised, also
//! when `static/pasv-lens.js` loads it for widgets on someone else's page, so
//! it does nothing: `static/loader.js` starts the page with `startPage()`.

// Link the library: its exports (`startPage`, `mount`, `decode`) are the module's API.
use pasv_lens_web as _;

fn main() {}
