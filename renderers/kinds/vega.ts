import type { VegaPayload } from '../../runtime/display/payloads';
import { obj, PayloadError, version1 } from '../validate';
import { drawVega } from '../vegaView';
import type { Kind } from './Kind';

/** Throws on any `url` in the spec: nothing is fetched, and a chart silently missing its data would look like a bug. */
function findUrl(v: unknown, path: string, depth = 0): void {
  if (depth > 64 || typeof v !== 'object' || v === null) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'url' && typeof x === 'string') throw new PayloadError(`${path}.url: nnbook charts load no URLs; put the data in the spec (data: { values: [...] })`);
    findUrl(x, `${path}.${k}`, depth + 1);
  }
}

/**
 * Any Vega-Lite or Vega spec from `nn.vega(spec)` (and the decision boundary). Its
 * expressions are interpreted, not compiled to functions, and its URLs are not loaded.
 */
export const vegaKind: Kind<VegaPayload> = {
  validate(json) {
    const p = obj(json, 'payload');
    version1(p);
    findUrl(obj(p.spec, 'spec'), 'spec');
    return p as unknown as VegaPayload;
  },
  async draw(root, p, env) {
    const schema = typeof p.spec.$schema === 'string' ? p.spec.$schema : '';
    const mode = /\/vega\/v\d/.test(schema) ? 'vega' : 'vega-lite';
    const r = await drawVega(root, p.spec, env.theme, mode);
    return { dispose: () => r.finalize() };
  },
};
