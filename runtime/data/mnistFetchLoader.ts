import type { MnistLoader } from './mnist';

/**
 * The webview kernel's digits: fetches the gzip'd file (e.g. a webview URI of
 * out/data/mnist.bin.gz) and gunzips it with the platform's DecompressionStream —
 * no Node APIs, so it runs in a browser Worker.
 *
 * @example
 * const loader = fetchMnistLoader(mediaBase + '/data/mnist.bin.gz');
 * const nnData = createData(tf, loader);
 */
export function fetchMnistLoader(url: string, fetchFn: typeof fetch = (u, i) => fetch(u, i)): MnistLoader {
  return async () => {
    const res = await fetchFn(url);
    if (!res.ok || !res.body) throw new Error(`nn.data.mnist: fetching ${url} failed (${res.status} ${res.statusText})`);
    const plain = res.body.pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(plain).arrayBuffer());
  };
}
