import type { ModelPayload } from '../../runtime/display/payloads';
import { el, fmt, fmtFlops } from '../dom';
import { arr, int, num, obj, optStr, str, version1 } from '../validate';
import type { Kind } from './Kind';

function validateModel(json: unknown): ModelPayload {
  const p = obj(json, 'payload');
  version1(p);
  str(p.name, 'name');
  arr(p.layers, 'layers', 10_000).forEach((l, i) => {
    const o = obj(l, `layers[${i}]`);
    str(o.name, `layers[${i}].name`); str(o.className, `layers[${i}].className`); str(o.outputShape, `layers[${i}].outputShape`);
    int(o.params, `layers[${i}].params`);
    if (o.flops !== undefined) num(o.flops, `layers[${i}].flops`);
    optStr(o.activation, `layers[${i}].activation`);
  });
  int(p.totalParams, 'totalParams'); int(p.trainableParams, 'trainableParams'); num(p.flopsPerSample, 'flopsPerSample');
  arr(p.flopsUnknown, 'flopsUnknown').forEach((s, i) => str(s, `flopsUnknown[${i}]`));
  return p as unknown as ModelPayload;
}

/** A model summary table: layer (kind, activation), output shape, parameters, FLOPs per sample; totals below. */
export const modelKind: Kind<ModelPayload> = {
  validate: validateModel,
  async draw(root, p) {
    root.append(el('div', { class: 'title' }, `Model ${p.name}`));
    const head = el('tr', {}, el('th', { class: 'label' }, 'Layer (type)'), el('th', { class: 'label' }, 'Output shape'), el('th', {}, 'Params'), el('th', {}, 'FLOPs / sample'));
    const body = el('tbody');
    for (const l of p.layers) {
      const kind = l.activation ? `${l.className}, ${l.activation}` : l.className;
      body.append(el('tr', {}, el('td', { class: 'label' }, `${l.name} (${kind})`), el('td', { class: 'label' }, l.outputShape),
        el('td', {}, fmt(l.params)), el('td', {}, l.flops === undefined ? '?' : fmt(l.flops))));
    }
    const foot = el('tfoot', {}, el('tr', {}, el('td', { class: 'label' }, 'Total'), el('td', {}, ''), el('td', {}, fmt(p.totalParams)), el('td', {}, fmt(p.flopsPerSample))));
    root.append(el('table', { class: 'nnbook-table' }, el('thead', {}, head), body, foot));
    const notes = [`${fmt(p.totalParams)} parameters (${fmt(p.trainableParams)} trainable, ${fmt(p.totalParams - p.trainableParams)} not)`, `${fmtFlops(p.flopsPerSample)} per sample (a multiply-add counts 2)`];
    if (p.flopsUnknown.length) notes.push(`FLOPs not counted for: ${p.flopsUnknown.join(', ')}`);
    root.append(el('div', { class: 'note' }, notes.join(' · ')));
    return { dispose() {} };
  },
};
