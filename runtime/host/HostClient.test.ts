import * as assert from 'node:assert/strict';
import type { FromKernel } from '../../src/kernel/protocol';
import { HostClient } from './HostClient';

describe('HostClient', () => {
  it('matches replies to requests by number, in any order', async () => {
    const sent: FromKernel[] = [];
    const host = new HostClient((m) => sent.push(m));
    const a = host.request('readFile', 'a.txt');
    const b = host.request('writeFile', 'b.txt', new Uint8Array([1]));
    assert.deepEqual(sent.map((m) => m.type === 'host' && [m.req, m.op, m.path]), [[1, 'readFile', 'a.txt'], [2, 'writeFile', 'b.txt']]);
    host.settle({ type: 'host-reply', req: 2, ok: true });
    host.settle({ type: 'host-reply', req: 1, ok: true, data: new Uint8Array([104, 105]).buffer as unknown as Uint8Array });
    assert.equal(await b, undefined);
    assert.deepEqual(await a, new Uint8Array([104, 105]), 'an ArrayBuffer becomes a Uint8Array');
    assert.equal(host.waiting, 0);
  });

  it('rejects with the host message; ignores replies it did not ask for', async () => {
    const host = new HostClient(() => undefined);
    const r = host.request('readFile', '../x');
    host.settle({ type: 'host-reply', req: 99, ok: true });
    host.settle({ type: 'host-reply', req: 1, ok: false, error: "'../x' is outside the workspace folder /w" });
    await assert.rejects(r, /outside the workspace folder \/w/);
    host.settle({ type: 'host-reply', req: 1, ok: true }); // a second reply: nothing to settle
  });
});
