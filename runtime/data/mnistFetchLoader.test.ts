import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { fetchMnistLoader } from './mnistFetchLoader';

describe('data/mnistFetchLoader (fetch + DecompressionStream, as in a webview)', () => {
  const body = new Uint8Array([77, 78, 83, 84, 1, 2, 3, 4, 250, 0, 7]);
  const gz = zlib.gzipSync(body);
  const fakeFetch = (status: number) => (async () => new Response(status === 200 ? gz : null, { status, statusText: status === 200 ? 'OK' : 'Not Found' })) as unknown as typeof fetch;

  it('gunzips what it fetched', async () => {
    assert.deepEqual(await fetchMnistLoader('x/mnist.bin.gz', fakeFetch(200))(), body);
  });

  it('a failed fetch names the URL and the status', async () => {
    await assert.rejects(fetchMnistLoader('x/mnist.bin.gz', fakeFetch(404))(), /x\/mnist\.bin\.gz failed \(404 Not Found\)/);
  });

  it('the real built file, if present, decodes to the same bytes as zlib', async function () {
    const file = 'out/data/mnist.bin.gz';
    if (!fs.existsSync(file)) this.skip();
    const raw = fs.readFileSync(file);
    const got = await fetchMnistLoader('f', (async () => new Response(raw)) as unknown as typeof fetch)();
    assert.equal(got.length, zlib.gunzipSync(raw).length);
  });
});
