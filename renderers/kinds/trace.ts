import type { TracePayload } from '../../runtime/teach/trace/Tracer';
import { el, fmt } from '../dom';
import { arr, int, num, numArray, obj, oneOf, PayloadError, str, version1 } from '../validate';
import type { Kind } from './Kind';

/** Rows and columns of a matrix drawn in full; larger ones show their top-left corner. */
const SHOWN_SIDE = 12;
const MAX_CELLS = 100_000;

type Matrix = (number | null)[][];

function matrix(v: unknown, path: string): Matrix {
  const rows = arr(v, path, MAX_CELLS);
  let cols = -1, cells = 0;
  return rows.map((r, i) => {
    const row = numArray(r, `${path}[${i}]`, true);
    if (cols >= 0 && row.length !== cols) throw new PayloadError(`${path}[${i}]: ${row.length} columns, row 0 has ${cols}`);
    cols = row.length;
    if ((cells += row.length) > MAX_CELLS) throw new PayloadError(`${path}: more than ${MAX_CELLS} values`);
    return row;
  });
}

function validateTrace(json: unknown): TracePayload {
  const p = obj(json, 'payload');
  version1(p);
  const step = oneOf(p.step, 'step', ['forward', 'backward', 'update'] as const);
  arr(p.lines, 'lines', 10_000).forEach((l, i) => str(l, `lines[${i}]`));
  if (step === 'forward') {
    matrix(p.x, 'x'); matrix(p.y, 'y');
    arr(p.layers, 'layers', 1000).forEach((l, i) => {
      const o = obj(l, `layers[${i}]`);
      str(o.name, `layers[${i}].name`); str(o.activation, `layers[${i}].activation`);
      matrix(o.z, `layers[${i}].z`); matrix(o.a, `layers[${i}].a`);
    });
    const loss = obj(p.loss, 'loss');
    str(loss.name, 'loss.name'); num(loss.value, 'loss.value'); str(loss.formula, 'loss.formula');
  } else if (step === 'backward') {
    int(p.layer, 'layer'); str(p.name, 'name'); str(p.activation, 'activation');
    for (const k of ['dLda', 'fprime', 'dLdz', 'dLdW'] as const) matrix(p[k], k);
    numArray(p.dLdb, 'dLdb', true);
  } else {
    num(p.lr, 'lr');
    arr(p.layers, 'layers', 1000).forEach((l, i) => {
      const o = obj(l, `layers[${i}]`);
      str(o.name, `layers[${i}].name`);
      for (const k of ['W', 'dLdW', 'Wnew'] as const) matrix(o[k], `layers[${i}].${k}`);
      for (const k of ['b', 'dLdb', 'bNew'] as const) numArray(o[k], `layers[${i}].${k}`, true);
    });
  }
  return p as unknown as TracePayload;
}

/** One labelled matrix: `name [rows×cols]` above a small table of its values (a vector: `name [n]`, one row). */
function table(name: string, m: Matrix | (number | null)[]): HTMLElement {
  const vector = !Array.isArray(m[0]);
  if (vector) m = [m as (number | null)[]];
  const rows = m.length, cols = (m as Matrix)[0]?.length ?? 0;
  const body = el('tbody');
  for (const r of (m as Matrix).slice(0, SHOWN_SIDE)) body.append(el('tr', {}, ...r.slice(0, SHOWN_SIDE).map((v) => el('td', {}, fmt(v)))));
  const cut = rows > SHOWN_SIDE || cols > SHOWN_SIDE ? el('div', { class: 'note' }, `first ${Math.min(rows, SHOWN_SIDE)}×${Math.min(cols, SHOWN_SIDE)} shown`) : undefined;
  return el('div', { class: 'trace-matrix' }, el('div', { class: 'label' }, vector ? `${name} [${cols}]` : `${name} [${rows}×${cols}]`), el('table', { class: 'nnbook-table' }, body), cut);
}

function group(title: string, ...tables: HTMLElement[]): HTMLElement {
  return el('div', { class: 'trace-group' }, el('div', { class: 'title' }, title), el('div', { class: 'trace-row' }, ...tables));
}

/**
 * A step of nn.trace: forward (x, then each layer's z and a, and the loss), backward
 * (dL/da, f′(z), dL/dz, dL/dW, dL/db of one layer) or update (old and new weights),
 * each matrix a small table, then the chain-rule lines as text.
 */
export const traceKind: Kind<TracePayload> = {
  validate: validateTrace,
  async draw(root, p) {
    root.append(el('style', {}, '.trace-row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; } .trace-group { margin: 6px 0; } .trace-lines { margin: 6px 0 0; white-space: pre-wrap; font-family: var(--vscode-editor-font-family, monospace); }'));
    if (p.step === 'forward') {
      root.append(el('div', { class: 'title' }, `Forward pass · ${p.loss.name} loss ${fmt(p.loss.value)}`));
      root.append(group('input', table('x', p.x), table('y', p.y)));
      p.layers.forEach((l) => root.append(group(`${l.name} (${l.activation})`, table('z', l.z), table('a', l.a))));
    } else if (p.step === 'backward') {
      root.append(el('div', { class: 'title' }, `Backward · ${p.name} (${p.activation})`));
      root.append(group('gradients', table('dL/da', p.dLda), table('f′(z)', p.fprime), table('dL/dz', p.dLdz), table('dL/dW', p.dLdW), table('dL/db', p.dLdb)));
    } else {
      root.append(el('div', { class: 'title' }, `Update · W ← W − η·dL/dW, η = ${fmt(p.lr)}`));
      p.layers.forEach((l) => root.append(group(l.name, table('W', l.W), table('dL/dW', l.dLdW), table('W new', l.Wnew), table('b', l.b), table('dL/db', l.dLdb), table('b new', l.bNew))));
    }
    root.append(el('pre', { class: 'trace-lines' }, p.lines.join('\n')));
    return { dispose() {} };
  },
};
