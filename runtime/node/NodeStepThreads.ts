import { MessageChannel, Worker } from 'worker_threads';
import type { StepKernelName, StepThread, StepThreads } from '../fast/stepThreads';

/** Control words, in a SharedArrayBuffer both threads see. */
const STATE = 0, DONE = 1, FAILED = 2, ARENA = 3, CALLS = 4, ARGS = 5;
const IDLE = 0, RUN = 1, MAIL = 2;
const KERNELS: StepKernelName[] = ['rows', 'xw', 'xtd'];
/** calls × (kernel, argument count, up to 11 arguments) */
const MAX_CALLS = 4, CALL_WORDS = 13;

/**
 * The helper thread: sleeps on the control word; RUN: makes the calls on that arena's
 * instance; MAIL: reads attach/detach messages from its port. Plain JS (eval'd), no
 * imports but worker_threads.
 */
const HELPER = `
const { workerData, receiveMessageOnPort } = require('worker_threads');
const ctl = new Int32Array(workerData.control);
const port = workerData.port;
const kernels = ${JSON.stringify(KERNELS)};
const arenas = new Map();
for (;;) {
  Atomics.wait(ctl, ${STATE}, ${IDLE});
  const state = Atomics.load(ctl, ${STATE});
  try {
    if (state === ${MAIL}) {
      for (let m; (m = receiveMessageOnPort(port)); ) {
        const { id, module, memory } = m.message;
        if (module) arenas.set(id, new WebAssembly.Instance(module, { env: { memory } }).exports);
        else arenas.delete(id);
      }
    } else if (state === ${RUN}) {
      const exports = arenas.get(ctl[${ARENA}]);
      for (let c = 0, at = ${ARGS}; c < ctl[${CALLS}]; c++, at += ${CALL_WORDS}) {
        const args = Array.from(ctl.subarray(at + 2, at + 2 + ctl[at + 1]));
        exports[kernels[ctl[at]]](...args);
      }
    }
    ctl[${FAILED}] = 0;
  } catch (e) {
    ctl[${FAILED}] = 1;
  }
  Atomics.store(ctl, ${STATE}, ${IDLE});
  Atomics.store(ctl, ${DONE}, 1);
  Atomics.notify(ctl, ${DONE});
}
`;

/**
 * One helper thread for this process (worker_threads), shared by every arena: the fast
 * path's sparse first-layer products run half on it, half here (StepArena), on the
 * arena's shared WebAssembly memory. Waiting is Atomics.wait on both sides (no spinning,
 * no event-loop turn); the helper never keeps the process alive.
 *
 * @example
 * const threads = new NodeStepThreads();
 * fastFitControl.threads = threads; // the node kernel does this at start
 */
export class NodeStepThreads implements StepThreads {
  private worker: Worker | undefined;
  private port: MessageChannel['port1'] | undefined;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * (ARGS + MAX_CALLS * CALL_WORDS)));
  private nextId = 1;
  private broken = false;
  /** an arena's calls are running on the helper */
  private busy = false;

  attach(memory: WebAssembly.Memory, module: WebAssembly.Module): StepThread | undefined {
    if (this.broken || !(memory.buffer instanceof SharedArrayBuffer)) return undefined;
    try {
      this.start();
      const id = this.nextId++;
      this.mail({ id, module, memory });
      return {
        start: (calls) => this.run(id, calls),
        wait: () => this.wait(),
        detach: () => { if (!this.broken) this.mail({ id }); },
      };
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  private start(): void {
    if (this.worker) return;
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(HELPER, { eval: true, workerData: { control: this.control.buffer, port: port2 }, transferList: [port2] });
    this.worker.unref();
    this.worker.on('error', () => { this.broken = true; });
    this.port = port1;
  }

  /** Posts a message and has the helper read it before going on. */
  private mail(message: object): void {
    this.port!.postMessage(message);
    this.signal(MAIL);
    this.wait();
  }

  private run(id: number, calls: [StepKernelName, number[]][]): void {
    if (calls.length > MAX_CALLS) throw new Error(`NodeStepThreads: at most ${MAX_CALLS} calls at once`);
    const c = this.control;
    c[ARENA] = id;
    c[CALLS] = calls.length;
    calls.forEach(([name, args], i) => {
      const at = ARGS + i * CALL_WORDS;
      c[at] = KERNELS.indexOf(name);
      c[at + 1] = args.length;
      c.set(args, at + 2);
    });
    this.signal(RUN);
  }

  private signal(state: number): void {
    if (this.busy) throw new Error('NodeStepThreads: the helper is still busy');
    this.busy = true;
    Atomics.store(this.control, DONE, 0);
    Atomics.store(this.control, STATE, state);
    Atomics.notify(this.control, STATE);
  }

  private wait(): void {
    // a helper that died never answers: give up after 30 s rather than hang the kernel
    const deadline = Date.now() + 30_000;
    while (Atomics.load(this.control, DONE) === 0) {
      if (Atomics.wait(this.control, DONE, 0, 1000) === 'timed-out' && Date.now() > deadline) {
        this.broken = true;
        throw new Error('NodeStepThreads: the helper thread did not answer');
      }
    }
    this.busy = false;
    if (this.control[FAILED]) throw new Error('NodeStepThreads: a kernel failed on the helper thread');
  }
}
