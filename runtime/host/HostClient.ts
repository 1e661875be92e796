import type { FromKernel, ToKernel } from '../../src/kernel/protocol';

type HostOp = Extract<FromKernel, { type: 'host' }>['op'];
type HostReply = Extract<ToKernel, { type: 'host-reply' }>;

/**
 * The kernel's side of the host services: sends `{type:'host', req, op, path, data}` and
 * settles the request when the host's `host-reply` with the same `req` comes back. The
 * host resolves paths and refuses what is outside the workspace; its refusal becomes
 * the rejection's message.
 *
 * @example
 * const host = new HostClient(post);
 * runtime.onMessage = (m) => m.type === 'host-reply' && host.settle(m);
 * const bytes = await host.request('readFile', 'data/traffic.csv');
 */
export class HostClient {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (data: Uint8Array | undefined) => void; reject: (err: Error) => void }>();

  constructor(private readonly post: (msg: FromKernel) => void) {}

  request(op: HostOp, path: string, data?: Uint8Array): Promise<Uint8Array | undefined> {
    const req = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(req, { resolve, reject });
      this.post(data === undefined ? { type: 'host', req, op, path } : { type: 'host', req, op, path, data });
    });
  }

  /** A reply from the host; one for no pending request (a reply to a previous kernel) is ignored. */
  settle(reply: HostReply): void {
    const waiter = this.pending.get(reply.req);
    if (!waiter) return;
    this.pending.delete(reply.req);
    if (reply.ok) waiter.resolve(reply.data === undefined ? undefined : asBytes(reply.data));
    else waiter.reject(new Error(reply.error ?? 'the host refused the request'));
  }

  /** Requests still waiting for their reply. */
  get waiting(): number {
    return this.pending.size;
  }
}

/** The reply's bytes as a Uint8Array: transports may deliver an ArrayBuffer or a Node Buffer. */
function asBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error(`the host sent ${Object.prototype.toString.call(data)} where bytes were expected`);
}
