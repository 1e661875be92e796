import type * as tfjs from '@tensorflow/tfjs';
import type { FromKernel, OutputItem, ToKernel } from '../../src/kernel/protocol';
import { captureConsole } from '../console/captureConsole';
import { StreamBuffer } from '../console/StreamBuffer';
import { formatValue } from '../display/formatValue';
import { CellSourceMaps } from '../errors/CellSourceMaps';
import { InterruptError, InterruptSignal } from '../interrupt/InterruptSignal';
import { patchFit } from '../interrupt/patchFit';
import { fixMomentumDispose } from '../tfjs/fixMomentumDispose';
import type { MnistLoader } from '../data/mnist';
import { createFiles } from '../host/createFiles';
import { Heartbeat } from '../host/Heartbeat';
import { HostClient } from '../host/HostClient';
import { registerNnbookScheme } from '../host/nnbookScheme';
import { createNn, type Nn } from '../nn/createNn';
import { CellScope } from '../scope/CellScope';
import { makeReleaseValue } from '../scope/releaseValue';

export interface KernelRuntimeOptions {
  tf: typeof tfjs;
  post: (msg: FromKernel) => void;
  /** The node kernel's shared interrupt counter; absent in a webview without shared memory. */
  interruptCounter?: Int32Array;
  backend: string;
  /**
   * Without shared memory (the webview kernel) the 'interrupt' message is only read when
   * the worker takes a task: given this, an await that has not yielded for 50 ms takes one.
   */
  yieldForMessages?: () => Promise<void>;
  /** `await nn.backend(name)`: switches the tfjs backend, returns what runs now. */
  switchBackend?: (name: string) => Promise<{ backend: string; detail: string }>;
  /** Where `nn.data.mnist()` gets the shipped digits (out/data/mnist.bin.gz). */
  mnistLoader?: MnistLoader;
}

/** What compiled cells call besides `$scope` (see src/compile). */
export interface CellRuntime {
  import(specifier: string): unknown;
  awaiting<T>(value: T): Promise<Awaited<T>>;
}

type Execute = Extract<ToKernel, { type: 'execute' }>;

/**
 * The kernel side of the protocol, the same in every kernel: it evaluates compiled
 * cells one at a time in a shared scope, streams their console, shows their values,
 * maps their errors back to cell lines and accounts for their tensors.
 */
export class KernelRuntime {
  private readonly signal: InterruptSignal;
  private readonly maps = new CellSourceMaps();
  private readonly nn: Nn;
  private scope!: CellScope;
  private queue: Promise<void> = Promise.resolve();
  private current: { id: string; stream: StreamBuffer } | undefined;
  private readonly rt: CellRuntime;
  private lastYield = 0;
  /** nn.files and nnbook:// models go through the host: the protocol's 'host' / 'host-reply'. */
  private readonly host: HostClient;
  private readonly heartbeat: Heartbeat;

  constructor(private readonly options: KernelRuntimeOptions) {
    const { tf } = options;
    // tfjs calls nest deep: with V8's default of 10 frames a tfjs error never reaches the cell's own frame.
    Error.stackTraceLimit = 100;
    this.signal = new InterruptSignal(options.interruptCounter);
    patchFit(tf, this.signal);
    fixMomentumDispose(tf);
    this.host = new HostClient(options.post);
    this.heartbeat = new Heartbeat(options.post);
    registerNnbookScheme(tf, this.host);
    this.nn = createNn({
      tf,
      display: (items, displayId) => this.display(items, displayId),
      update: (displayId, delta) => options.post({ type: 'update', displayId, delta }),
      switchBackend: options.switchBackend,
      mnistLoader: options.mnistLoader,
      shouldStop: () => { this.heartbeat.pulse(); return this.signal.requested; },
      files: createFiles(tf, this.host),
    });
    this.rt = {
      import: (specifier) => this.importModule(specifier),
      awaiting: async <T>(value: T): Promise<Awaited<T>> => {
        this.heartbeat.pulse();
        const result = await this.signal.race(value);
        const { yieldForMessages } = this.options;
        if (yieldForMessages && performance.now() - this.lastYield > 50) {
          await yieldForMessages();
          this.lastYield = performance.now();
        }
        this.signal.check();
        return result;
      },
    };
    captureConsole((name, text) => {
      if (this.current) this.current.stream.write(name, text);
      else options.post({ type: 'stream', id: '', name, text });
    });
    this.reset();
  }

  handle(msg: ToKernel): void {
    switch (msg.type) {
      case 'execute':
        this.queue = this.queue.then(() => this.execute(msg));
        return;
      case 'interrupt':
        this.signal.request(msg.id);
        return;
      case 'host-reply':
        this.host.settle(msg);
        return;
      case 'reset':
        this.queue = this.queue.then(() => this.reset());
        return;
      default:
        return;
    }
  }

  /** Forgets every binding and disposes every tensor the cells made. */
  private reset(): void {
    const { tf } = this.options;
    if (this.scope) {
      const release = makeReleaseValue(tf);
      for (const name of this.scope.names()) release(this.scope.proxy[name], () => false);
      tf.disposeVariables();
    }
    this.scope = new CellScope({ tf, nn: this.nn }, makeReleaseValue(tf));
  }

  private importModule(specifier: string): unknown {
    if (specifier === '@tensorflow/tfjs' || specifier === '@tensorflow/tfjs-core' || specifier === '@tensorflow/tfjs-layers') return this.options.tf;
    if (specifier === 'nnbook') return this.nn;
    throw new Error(`Cannot import '${specifier}': a cell can import '@tensorflow/tfjs' (also bound as tf) and 'nnbook' (bound as nn).`);
  }

  private display(items: OutputItem[], displayId?: string): void {
    const id = this.current?.id;
    if (id === undefined) return;
    this.current!.stream.flush(); // keep printed text and displays in the order they happened
    this.options.post({ type: 'display', id, displayId, items });
  }

  private async execute(msg: Execute): Promise<void> {
    const { tf, post } = this.options;
    const stream = new StreamBuffer((name, text) => post({ type: 'stream', id: msg.id, name, text }));
    this.current = { id: msg.id, stream };
    this.signal.begin(msg.id, msg.interruptGeneration);
    this.heartbeat.start();
    const before = this.scope.snapshot(msg.declared);
    const tensors0 = tf.memory().numTensors;
    const t0 = performance.now();
    let outcome: FromKernel;
    try {
      const url = this.maps.register(msg.id, msg.cell, msg.map);
      const fn = (0, eval)(`${msg.js}\n//# sourceURL=${url}`) as (scope: unknown, rt: CellRuntime) => Promise<unknown>;
      const value = await fn(this.scope.proxy, this.rt);
      stream.finish();
      const shown = formatValue(value);
      this.scope.releaseRebound(before);
      const numTensors = tf.memory().numTensors;
      outcome = { type: 'done', id: msg.id, ms: performance.now() - t0, tensorsDelta: numTensors - tensors0, numTensors, value: shown };
    } catch (err) {
      stream.finish();
      this.scope.releaseRebound(before);
      const ms = performance.now() - t0;
      if (err instanceof InterruptError) {
        outcome = { type: 'interrupted', id: msg.id, how: 'cooperative', ms };
      } else {
        const mapped = this.maps.mapError(err);
        outcome = { type: 'error', id: msg.id, ...mapped, ms, tensorsDelta: tf.memory().numTensors - tensors0 };
      }
    } finally {
      this.nn.endCell(); // the final picture of every live chart, while the cell is still current
      this.signal.end();
      this.heartbeat.stop();
      this.current = undefined;
    }
    post(outcome);
  }
}
