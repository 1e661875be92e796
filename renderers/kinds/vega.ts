import type { VegaPayload } from '../../runtime/display/payloads';
import { obj, version1 } from '../validate';
import { drawVega } from '../vegaView';
import type { Kind } from './Kind';

/**
 * Any Vega-Lite or Vega spec from `nn.vega(spec)` (and the decision boundary). Its
 * expressions are interpreted, not compiled to functions, and its URLs are not loaded.
 */
export const vegaKind: Kind<VegaPayload> = {
  validate(json) {
    const p = obj(json, 'payload');
    version1(p);
    obj(p.spec, 'spec');
    return p as unknown as VegaPayload;
  },
  async draw(root, p, env) {
    const schema = typeof p.spec.$schema === 'string' ? p.spec.$schema : '';
    const mode = /\/vega\/v\d/.test(schema) ? 'vega' : 'vega-lite';
    const r = await drawVega(root, p.spec, env.theme, mode);
    return { dispose: () => r.finalize() };
  },
};
