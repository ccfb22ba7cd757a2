// Loaded by static/loader.js when the browser is first idle, so none of it
// weighs on the first load: fetch the on-demand module (extras/: the "More"
// panel, session logs) ahead of use, now if a result is on screen, else as
// soon as the pointer enters a result card. A <link rel="modulepreload"> for
// its JavaScript and a preload for its WebAssembly: the click then finds both.
const base = new URL('../', import.meta.url);
let prefetched = false;

function prefetch() {
  if (prefetched) return;
  prefetched = true;
  for (const [rel, as, file] of [['modulepreload', 'script', 'pasv-lens-extras.js'], ['preload', 'fetch', 'pasv-lens-extras_bg.wasm']]) {
    const link = Object.assign(document.createElement('link'), { rel, as, crossOrigin: 'anonymous', href: new URL(`extras/${file}`, base).href });
    document.head.append(link);
  }
}

// A compact frame has no "More".
if (document.querySelector('.extras-toggle')) prefetch();
else if (!document.querySelector('.result-only')) addEventListener('pointerover', (e) => e.target.closest?.('.card') && prefetch());
