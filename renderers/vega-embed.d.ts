// vega-embed's types are reachable only through package "exports", which this project's
// tsconfig (moduleResolution "node") does not read; these are the parts we use, as in
// node_modules/vega-embed/build/embed.d.ts. (With moduleResolution "bundler", delete this.)
declare module 'vega-embed' {
  import * as vegaImport from 'vega';
  import type { expressionInterpreter } from 'vega-interpreter';
  export const vega: typeof vegaImport;
  export type VisualizationSpec = object;
  export interface Result {
    view: vegaImport.View;
    spec: VisualizationSpec;
    finalize(): void;
  }
  export interface EmbedOptions {
    mode?: 'vega' | 'vega-lite';
    renderer?: 'svg' | 'canvas' | 'none';
    actions?: boolean | { export?: boolean | { svg?: boolean; png?: boolean }; source?: boolean; compiled?: boolean; editor?: boolean };
    config?: object;
    loader?: vegaImport.Loader;
    ast?: boolean;
    expr?: typeof expressionInterpreter;
    tooltip?: boolean | object;
    logLevel?: number;
    defaultStyle?: boolean | string;
    width?: number;
    height?: number;
  }
  export default function embed(el: HTMLElement | string, spec: VisualizationSpec, opts?: EmbedOptions): Promise<Result>;
}
