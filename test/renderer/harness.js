// Test page side of test/renderer/run.js: a fake renderer context around the bundled
// renderer, and helpers the runner calls through page.evaluate.
import { activate } from './renderer.js';

const posted = [];
let listener = () => {};
const ctx = {
  postMessage: (m) => posted.push(m),
  onDidReceiveMessage: (l) => { listener = l; return { dispose() {} }; },
  workspace: { isTrusted: true },
};
const api = activate(ctx);
const MIME_CHART = 'application/vnd.nnbook.chart+json';

function element(id) {
  let e = document.getElementById(id);
  if (!e) { e = document.createElement('div'); e.id = id; e.className = 'output'; document.body.append(e); }
  return e;
}

async function renderInto(e, id, mime, text) {
  await api.renderOutputItem({ id, mime, metadata: {}, text: () => text, json: () => JSON.parse(text) }, e);
}

/** Data marks like the e2e suite counts them (items of vega role-mark groups), plus table cells, canvases. */
function describe(e) {
  const sr = e.shadowRoot;
  const counts = {};
  if (!sr) return { error: false, counts, text: '', height: 0, elements: {} };
  for (const g of sr.querySelectorAll('g.role-mark')) {
    const type = ([...g.classList].find((c) => c.startsWith('mark-')) || 'mark-?').slice(5);
    if (type === 'group' || g.closest('.role-axis, .role-legend, .role-title')) continue;
    counts[type] = (counts[type] || 0) + g.children.length;
  }
  counts.td = sr.querySelectorAll('td').length;
  counts.tr = sr.querySelectorAll('tr').length;
  counts.canvas = sr.querySelectorAll('canvas').length;
  counts.wrong = sr.querySelectorAll('figure.wrong').length;
  const root = sr.querySelector('.nnbook-root');
  return {
    error: !!sr.querySelector('.nnbook-error'), counts, text: root ? root.textContent : '',
    height: e.getBoundingClientRect().height,
    elements: { img: sr.querySelectorAll('img').length, script: sr.querySelectorAll('script').length },
  };
}

const until = async (cond, ms = 5000) => {
  const t0 = performance.now();
  while (!cond()) { if (performance.now() - t0 > ms) return false; await new Promise((r) => setTimeout(r, 5)); }
  return true;
};

window.nnTest = {
  async render(id, mime, text) {
    const e = element(id);
    await renderInto(e, id, mime, text);
    return describe(e);
  },
  text: (id) => describe(element(id)).text,
  axisLabelFill: (id) => element(id).shadowRoot.querySelector('.role-axis-label text')?.getAttribute('fill'),

  async live() {
    const checks = [];
    const ok = (name, cond, detail = '') => checks.push([name, !!cond, detail]);
    const progress = (batch) => ({ version: 1, epoch: 1, epochs: 2, batch, batches: 10, samples: batch * 32, samplesPerSec: 1000, elapsedSec: 1, etaSec: 5, done: false });
    const chart = (seq, running, ys) => JSON.stringify({ version: 1, mark: 'line', x: { title: 'step' }, y: { title: 'loss' }, logToggle: true, progress: progress(seq),
      series: [{ name: 'train', panel: 'loss', x: ys.map((_, i) => i), y: ys }], live: { displayId: 'live-1', seq, running } });
    const delta = (seq, from, ys) => ({ type: 'update', displayId: 'live-1', delta: { seq, append: [{ name: 'train', panel: 'loss', x: ys.map((_, i) => from + i), y: ys }], progress: progress(seq) } });
    const e = element('live');
    const symbols = () => describe(e).counts.symbol || 0;
    await renderInto(e, 'live-out', MIME_CHART, chart(0, true, [1]));
    ok('live: a running chart subscribes with its seq', posted.some((m) => m.type === 'subscribe' && m.displayId === 'live-1' && m.seq === 0), JSON.stringify(posted));
    listener(delta(1, 1, [0.9, 0.8]));
    ok('live: a delta adds its points', await until(() => symbols() === 3), `symbols ${symbols()}`);
    ok('live: the progress bar follows', describe(e).text.includes('batch 1/10'), describe(e).text.slice(0, 200));
    posted.length = 0;
    listener(delta(3, 5, [0.5]));
    ok('live: a gap asks the host again from the last seq', await until(() => posted.some((m) => m.type === 'subscribe' && m.seq === 1)), JSON.stringify(posted));
    ok('live: the delta after a gap is not applied', symbols() === 3, `symbols ${symbols()}`);
    listener(delta(2, 3, [0.7, 0.6]));
    listener(delta(3, 5, [0.5]));
    listener(delta(3, 5, [0.5]));
    ok('live: replayed deltas apply once, in order', await until(() => symbols() === 6) && (await new Promise((r) => setTimeout(r, 50)), symbols() === 6), `symbols ${symbols()}`);
    const svg = e.shadowRoot.querySelector('svg');
    await renderInto(e, 'live-out', MIME_CHART, chart(2, true, [1, 0.9, 0.8, 0.7, 0.6]));
    ok('live: an older snapshot keeps the live view (no redraw)', e.shadowRoot.querySelector('svg') === svg && symbols() === 6, `symbols ${symbols()}`);
    e.shadowRoot.querySelector('button').click();
    ok('live: the log toggle redraws with a log y axis', await until(() => e.shadowRoot.querySelector('button').textContent === 'y: log' && symbols() === 6), `symbols ${symbols()}`);
    await renderInto(e, 'live-out', MIME_CHART, chart(3, false, [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4]));
    ok('live: the final snapshot redraws the final picture', symbols() === 7, `symbols ${symbols()}`);
    ok('live: the final picture has a y axis', describe(e).text.includes('loss'));

    // Throughput: 1,000 one-point deltas sent at once, applied one by one (each a vega changeset + render).
    const e2 = element('rate');
    const payload = JSON.parse(chart(0, true, [1]));
    payload.live.displayId = 'live-2';
    await renderInto(e2, 'rate-out', MIME_CHART, JSON.stringify(payload));
    const before = api.live.applied;
    const n = 1000;
    const t0 = performance.now();
    for (let i = 1; i <= n; i++) listener({ type: 'update', displayId: 'live-2', delta: { seq: i, append: [{ name: 'train', panel: 'loss', x: [i], y: [1 / (i + 1)] }] } });
    const done = await until(() => api.live.applied - before >= n, 60000);
    const ms = performance.now() - t0;
    ok(`live: ${n} deltas applied`, done && (describe(e2).counts.symbol || 0) === n + 1, `applied ${api.live.applied - before}, symbols ${describe(e2).counts.symbol}`);

    // Sustained: one delta (5 points) every 10 ms for 3 s, i.e. 5× the kernel's 20/s; latency = sent → points drawn.
    const e3 = element('sustained');
    const p3 = JSON.parse(chart(0, true, [1]));
    p3.live.displayId = 'live-3';
    await renderInto(e3, 'sustained-out', MIME_CHART, JSON.stringify(p3));
    const sym3 = () => e3.shadowRoot.querySelectorAll('g.mark-symbol path').length;
    const sends = [];
    const lat = [];
    let shown = 0;
    const watch = () => {
      const have = sym3();
      while (shown < sends.length && 1 + (shown + 1) * 5 <= have) lat.push(performance.now() - sends[shown++]);
      if (shown < 300) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const s0 = performance.now();
    for (let i = 1; i <= 300; i++) {
      sends.push(performance.now());
      listener({ type: 'update', displayId: 'live-3', delta: { seq: i, append: [{ name: 'train', panel: 'loss', x: [0, 1, 2, 3, 4].map((k) => i * 5 + k), y: [0, 1, 2, 3, 4].map((k) => 1 / (i * 5 + k)) }] } });
      await new Promise((r) => setTimeout(r, Math.max(0, s0 + i * 10 - performance.now())));
    }
    await until(() => shown >= 300, 20000);
    const sustainedMs = performance.now() - s0;
    lat.sort((a, b) => a - b);
    const p95 = lat[Math.floor(lat.length * 0.95)] ?? Infinity;
    // Latency is reported (run.js prints it), not asserted: a busy machine must not fail a test.
    ok('live: 100 deltas/s for 3 s all drawn', shown === 300, `drawn ${shown}/300, p95 ${p95.toFixed(0)} ms`);
    return { checks, rate: { updates: n, points: n, ms, perSec: n / (ms / 1000) }, sustained: { deltas: 300, perSec: 300 / (sustainedMs / 1000), p50: lat[Math.floor(lat.length / 2)], p95, points: 1501 } };
  },
};
