import type * as tfjs from '@tensorflow/tfjs';
import type { HostClient } from './HostClient';

type IO = typeof tfjs.io;
type ModelArtifacts = tfjs.io.ModelArtifacts;

export const NNBOOK_SCHEME = 'nnbook://';

/** The host client the router uses, per tfjs instance: a router is registered once, the client is current. */
const registered = new WeakMap<IO, { host: HostClient }>();

/**
 * Registers the `nnbook://` scheme with tf.io, so `model.save('nnbook://models/xor')` writes
 * `models/xor/model.json` and `models/xor/weights.bin` in the workspace folder (through the
 * host), and `tf.loadLayersModel('nnbook://models/xor')` reads them back — in either
 * kernel. The files are the standard tfjs layers format (what `tfjs.converters` and
 * `tf.io.http` use). Calling it again replaces the host client.
 *
 * @example
 * registerNnbookScheme(tf, new HostClient(post));
 * await model.save('nnbook://models/xor');
 */
export function registerNnbookScheme(tf: typeof tfjs, host: HostClient): void {
  const entry = registered.get(tf.io);
  if (entry) { entry.host = host; return; }
  const current = { host };
  registered.set(tf.io, current);
  // tf.io's routers return null for a URL that is not theirs (its type says IOHandler).
  const router = ((url: string | string[]) =>
    typeof url === 'string' && url.startsWith(NNBOOK_SCHEME) ? nnbookHandler(tf, () => current.host, url) : null) as Parameters<IO['registerSaveRouter']>[0];
  tf.io.registerSaveRouter(router);
  tf.io.registerLoadRouter(router);
}

/** The IOHandler of one `nnbook://folder` URL. */
export function nnbookHandler(tf: typeof tfjs, host: () => HostClient, url: string): tfjs.io.IOHandler {
  const folder = url.slice(NNBOOK_SCHEME.length).replace(/\/+$/, '');
  if (folder.length === 0) throw new Error(`'${url}' names no folder: use e.g. 'nnbook://models/xor'`);
  const file = (name: string) => `${folder}/${name}`;
  const failed = (what: string) => (err: unknown) => { throw new Error(`${what} '${url}': ${(err as Error).message ?? err}`); };
  return {
    async save(artifacts: ModelArtifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error(`model.save('${url}'): binary topologies (graph models) cannot be saved here`);
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        signature: artifacts.signature,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        modelInitializer: artifacts.modelInitializer,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      // weights first: a model.json is only ever next to complete weights
      await host().request('writeFile', file('weights.bin'), new Uint8Array(weights)).catch(failed('model.save'));
      await host().request('writeFile', file('model.json'), new TextEncoder().encode(JSON.stringify(modelJson))).catch(failed('model.save'));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load() {
      const raw = await host().request('readFile', file('model.json')).catch(failed('loading'));
      let modelJson: tfjs.io.ModelJSON;
      try {
        modelJson = JSON.parse(new TextDecoder().decode(raw));
      } catch (err) {
        throw new Error(`loading '${url}': ${file('model.json')} is not JSON (${(err as Error).message})`);
      }
      if (!modelJson || typeof modelJson !== 'object' || !modelJson.modelTopology) throw new Error(`loading '${url}': ${file('model.json')} has no modelTopology`);
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tfjs.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) {
            const bytes = await host().request('readFile', file(p.replace(/^\.\//, ''))).catch(failed('loading'));
            const b = bytes ?? new Uint8Array(0);
            buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
          }
        }
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}
