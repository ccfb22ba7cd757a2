// Entry of the analysis worker (a module worker started by the on-demand
// module, crates/pasv-lens-extras/src/analysis.js): loads the worker's wasm,
// whose start function begins answering. Trunk builds the module into
// worker/ (index.html); its own loader shim names the glue by the wrong path
// when data-target-path is set, hence this file.
import init from '../worker/pasv-lens-worker.js';

await init();
