import embed, { vega, type Result, type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { vegaConfig, type Theme } from './theme';

/** A loader that loads nothing: a spec's data URLs, images and links stay unfetched. */
function noNetworkLoader() {
  const loader = vega.loader();
  const refuse = async () => { throw new Error('nnbook charts load no URLs: put the data in the spec (data.values)'); };
  loader.load = refuse;
  loader.sanitize = refuse;
  loader.http = refuse;
  loader.file = refuse;
  return loader;
}

/**
 * Draws a Vega-Lite (or Vega) spec object into `container` with the theme, as SVG.
 * Expressions run through vega-interpreter (`ast: true`), so no `eval`/`new Function`
 * is needed under the notebook's content security policy. Never pass a string: vega-embed
 * would fetch it as a URL.
 *
 * @example
 * const r = await drawVega(div, { mark: 'point', data: { values: [{ a: 1 }] }, encoding: { x: { field: 'a', type: 'quantitative' } } }, theme);
 * r.finalize();
 */
export async function drawVega(container: HTMLElement, spec: Record<string, unknown>, theme: Theme, mode?: 'vega' | 'vega-lite'): Promise<Result> {
  return embed(container, spec as VisualizationSpec, {
    ...(mode ? { mode } : {}),
    renderer: 'svg',
    actions: { export: true, source: false, compiled: false, editor: false },
    config: vegaConfig(theme),
    loader: noNetworkLoader(),
    ast: true,
    expr: expressionInterpreter,
    tooltip: { theme: 'custom', sanitize: (v: unknown) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;') },
    logLevel: 0,
    defaultStyle: true,
  });
}

export { vega };
