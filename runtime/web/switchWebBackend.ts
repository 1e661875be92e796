import type { Tf } from '../backend/tfTypes';
import { chooseWebBackend, type WebBackendChoice } from './chooseWebBackend';
import type { WebGLProbe } from './probeWebGL';
import { watchContextLoss } from './watchContextLoss';
import type { WasmPaths, WebBackendSetting } from './workerMessages';

export interface WebBackendContext {
  webgl: WebGLProbe;
  wasmPaths?: WasmPaths;
  wasmProblem?: string;
  onContextLost: () => void;
}

const SETTINGS: readonly string[] = ['auto', 'webgl', 'wasm', 'cpu'];

/**
 * `await nn.backend('wasm')` in the webview kernel: the same choice as at start, with
 * another preference. tfjs moves existing tensors to the new backend when they are next
 * read, so models and variables stay usable.
 */
export function makeWebBackendSwitch(tf: Tf, ctx: WebBackendContext): (name: string) => Promise<WebBackendChoice> {
  return async (name) => {
    if (!SETTINGS.includes(name)) throw new Error(`nn.backend: '${name}' is not one of ${SETTINGS.join(', ')}`);
    const choice = await chooseWebBackend(tf, { prefer: name as WebBackendSetting, webgl: ctx.webgl, wasmPaths: ctx.wasmPaths, wasmProblem: ctx.wasmProblem });
    if (choice.backend === 'webgl') watchContextLoss(tf, ctx.onContextLost);
    return choice;
  };
}
