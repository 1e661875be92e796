import type { ConfusionPayload } from '../../runtime/display/payloads';
import { arr, int, num, obj, optStr, PayloadError, str, version1 } from '../validate';
import { drawVega } from '../vegaView';
import type { Kind } from './Kind';

function validateConfusion(json: unknown): ConfusionPayload {
  const p = obj(json, 'payload');
  version1(p);
  const labels = arr(p.labels, 'labels', 500).map((l, i) => str(l, `labels[${i}]`));
  const m = arr(p.matrix, 'matrix', 500);
  if (m.length !== labels.length) throw new PayloadError(`matrix: ${m.length} rows for ${labels.length} labels`);
  m.forEach((row, i) => {
    const r = arr(row, `matrix[${i}]`);
    if (r.length !== labels.length) throw new PayloadError(`matrix[${i}]: ${r.length} columns for ${labels.length} labels`);
    r.forEach((v, j) => int(v, `matrix[${i}][${j}]`));
  });
  num(p.accuracy, 'accuracy');
  optStr(p.title, 'title');
  return p as unknown as ConfusionPayload;
}

/** A confusion matrix: true class down, predicted across, counts written in each cell. */
export const confusionKind: Kind<ConfusionPayload> = {
  validate: validateConfusion,
  async draw(root, p, env) {
    const values = p.matrix.flatMap((row, i) => row.map((count, j) => ({ t: p.labels[i], p: p.labels[j], count, diag: i === j })));
    const max = Math.max(1, ...values.map((v) => v.count));
    const side = Math.max(18, Math.min(40, Math.floor(400 / p.labels.length)));
    const axis = { field: 'count', type: 'quantitative' };
    const spec = {
      data: { values },
      title: `${p.title ? `${p.title} · ` : ''}accuracy ${(p.accuracy * 100).toFixed(1)}%`,
      width: side * p.labels.length, height: side * p.labels.length,
      encoding: {
        x: { field: 'p', type: 'ordinal', sort: p.labels, title: 'predicted' },
        y: { field: 't', type: 'ordinal', sort: p.labels, title: 'true' },
      },
      layer: [
        { mark: 'rect', encoding: { color: { ...axis, title: null, scale: { domain: [0, max], range: [env.theme.bg, env.theme.palette[0]], interpolate: 'rgb' } }, tooltip: [{ field: 't', title: 'true' }, { field: 'p', title: 'predicted' }, { field: 'count' }] } },
        ...(p.labels.length <= 20 ? [{ mark: { type: 'text', fontSize: 11 }, encoding: { text: axis, color: { condition: { test: `datum.count > ${max / 2}`, value: env.theme.bg }, value: env.theme.fg } } }] : []),
      ],
    };
    const r = await drawVega(root, spec, env.theme, 'vega-lite');
    return { dispose: () => r.finalize() };
  },
};
