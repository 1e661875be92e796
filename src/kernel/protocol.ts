/**
 * The kernel protocol: the only thing the extension host and a kernel (node worker or
 * webview worker) share. Type-only, so `runtime/` can import it without pulling in
 * host code. Bump PROTOCOL_VERSION on any incompatible change.
 */
export const PROTOCOL_VERSION = 1;

/** One item of a cell output. `data` is text; for `+json` mimes it is JSON text, for binary it is base64. */
export interface OutputItem {
  mime: string;
  data: string;
  encoding?: 'base64';
}

export type ToKernel =
  | {
      type: 'execute';
      id: string;
      /** A label for stack frames and messages, e.g. "cell 3". */
      cell: string;
      /** Compiled cell: a JS expression evaluating to `async function ($scope, $rt)`. */
      js: string;
      /** Source map (v3 JSON) from `js` back to the cell's TypeScript source. */
      map: string;
      /** Top-level names the cell declares: rebinding one disposes the old tensor/model. */
      declared: string[];
      /** The host's interrupt counter when this was sent (node kernel's shared flag). */
      interruptGeneration?: number;
    }
  | { type: 'interrupt'; id: string }
  | { type: 'reset' }
  | { type: 'dispose' }
  | { type: 'host-reply'; req: number; ok: boolean; data?: Uint8Array; error?: string };

export type StreamName = 'stdout' | 'stderr';

export type FromKernel =
  | { type: 'ready'; protocol: number; backend: string; detail: string }
  | { type: 'stream'; id: string; name: StreamName; text: string }
  | { type: 'display'; id: string; displayId?: string; items: OutputItem[] }
  | { type: 'update'; displayId: string; delta: unknown }
  | { type: 'done'; id: string; ms: number; tensorsDelta: number; numTensors: number; value?: OutputItem[] }
  | { type: 'error'; id: string; name: string; message: string; stack: string; ms: number; tensorsDelta: number }
  | { type: 'interrupted'; id: string; how: 'cooperative' | 'forced'; ms: number }
  | { type: 'heartbeat' }
  | { type: 'host'; req: number; op: 'readFile' | 'writeFile'; path: string; data?: Uint8Array };

/** Mime types of our own outputs. */
export const MIME = {
  stdout: 'application/vnd.code.notebook.stdout',
  stderr: 'application/vnd.code.notebook.stderr',
  error: 'application/vnd.code.notebook.error',
  text: 'text/plain',
  /** `application/vnd.nnbook.<kind>+json` */
  nnbook: (kind: string) => `application/vnd.nnbook.${kind}+json`,
} as const;
