import * as assert from 'node:assert/strict';
import { LiveUpdateRelay, type RendererMessagingLike } from './LiveUpdateRelay';

function fakeMessaging() {
  let listener: (e: { editor: string; message: unknown }) => unknown = () => undefined;
  const sent: { editor?: string; message: { displayId: string; delta: { seq: number } } }[] = [];
  const messaging: RendererMessagingLike<string> = {
    onDidReceiveMessage: (l) => { listener = l; return { dispose() {} }; },
    postMessage: async (message, editor) => { sent.push({ editor, message: message as never }); return true; },
  };
  return { messaging, sent, fromRenderer: (editor: string, message: unknown) => listener({ editor, message }) };
}

describe('LiveUpdateRelay', () => {
  it('posts nothing before a renderer subscribes, then replays what it missed and forwards the rest', () => {
    const f = fakeMessaging();
    const relay = new LiveUpdateRelay(f.messaging);
    relay.forward('d1', { seq: 1 });
    relay.forward('d1', { seq: 2 });
    assert.equal(f.sent.length, 0);
    f.fromRenderer('ed1', { type: 'subscribe', displayId: 'd1', seq: 1 });
    assert.deepEqual(f.sent.map((s) => s.message.delta.seq), [2]);
    relay.forward('d1', { seq: 3 });
    relay.forward('d2', { seq: 1 });
    assert.deepEqual(f.sent.map((s) => [s.editor, s.message.displayId, s.message.delta.seq]), [['ed1', 'd1', 2], ['ed1', 'd1', 3]]);
  });

  it('re-subscribing after a gap replays from the renderer’s seq; unsubscribe stops it', () => {
    const f = fakeMessaging();
    const relay = new LiveUpdateRelay(f.messaging);
    f.fromRenderer('ed', { type: 'subscribe', displayId: 'd', seq: 0 });
    for (let i = 1; i <= 4; i++) relay.forward('d', { seq: i });
    f.sent.length = 0;
    f.fromRenderer('ed', { type: 'subscribe', displayId: 'd', seq: 2 });
    assert.deepEqual(f.sent.map((s) => s.message.delta.seq), [3, 4]);
    f.fromRenderer('ed', { type: 'unsubscribe', displayId: 'd' });
    relay.forward('d', { seq: 5 });
    assert.equal(f.sent.length, 2);
  });

  it('keeps a bounded number of deltas and forgets a display when it ends', () => {
    const f = fakeMessaging();
    const relay = new LiveUpdateRelay(f.messaging);
    for (let i = 1; i <= 100; i++) relay.forward('d', { seq: i });
    f.fromRenderer('ed', { type: 'subscribe', displayId: 'd', seq: 0 });
    assert.equal(f.sent.length, 64);
    assert.equal(f.sent[0].message.delta.seq, 37);
    relay.end('d');
    relay.forward('d', { seq: 101 });
    assert.equal(f.sent.length, 64);
  });

  it('ignores malformed messages and deltas without seq', () => {
    const f = fakeMessaging();
    const relay = new LiveUpdateRelay(f.messaging);
    f.fromRenderer('ed', null);
    f.fromRenderer('ed', { type: 'subscribe' });
    relay.forward('d', { nope: 1 });
    f.fromRenderer('ed', { type: 'subscribe', displayId: 'd', seq: 0 });
    assert.equal(f.sent.length, 0);
  });
});
