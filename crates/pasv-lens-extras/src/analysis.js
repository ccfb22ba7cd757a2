// The analysis worker (crate pasv-lens-worker, built into worker/ next to
// the page): started on first use, restarted when a newer request makes the
// one it is working on stale. A module worker served as a file (strict CSP:
// worker-src 'self', no blob: URLs).
let worker = null;
let ready = false;
let queue = [];
// Requests posted and not finished: job -> on_answer.
const pending = new Map();
let jobs = 0;

function start() {
  const base = globalThis.__pasvLensBase || new URL('./', document.baseURI).href;
  worker = new Worker(new URL('static/analysis-worker.js', base), { type: 'module' });
  ready = false;
  worker.onmessage = ({ data }) => {
    if (data.kind === 'ready') {
      ready = true;
      for (const request of queue) worker.postMessage(request, [request.text.buffer]);
      queue = [];
      return;
    }
    const onAnswer = pending.get(data.job);
    if (data.kind === 'done' || data.kind === 'judged') pending.delete(data.job);
    onAnswer?.(data);
  };
  worker.onerror = (event) => {
    console.error('PASV Lens: the analysis worker failed', event.message ?? event);
    stop();
  };
}

/** Stop the worker; every request it had answers { kind: 'failed' }. */
function stop() {
  worker?.terminate();
  worker = null;
  queue = [];
  const stale = [...pending.entries()];
  pending.clear();
  for (const [job, onAnswer] of stale) onAnswer({ job, kind: 'failed' });
}

/**
 * Post a request; `onAnswer` gets the worker's answers. A request made while
 * others are still running makes them stale (the text or the context
 * changed): the worker is stopped and their answers never come.
 */
export function request(task, text, analysed, control, lang, onAnswer) {
  if (pending.size > 0) {
    worker?.terminate();
    worker = null;
    queue = [];
    pending.clear();
  }
  if (!worker) {
    try {
      start();
    } catch (err) {
      console.error('PASV Lens: the analysis worker could not start', err);
      onAnswer({ job: 0, kind: 'failed' });
      return;
    }
  }
  const job = ++jobs;
  pending.set(job, onAnswer);
  // The bytes move to the worker rather than being copied (the module
  // holds its own copy where it needs one).
  const message = { job, task, text, analysed, control, lang };
  if (ready) worker.postMessage(message, [text.buffer]);
  else queue.push(message);
}
