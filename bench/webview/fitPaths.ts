/**
 * Which path `model.fit` took (`nn.lastFit`) per workload and backend setting in the webview
 * bench, so the bench can show that XOR trains on the fast path and fail when it does not.
 */

/** What `nn.lastFit` holds after a fit (runtime/fast/fastFit.ts FitRoute). */
export interface FitRouteSeen { path: string; reason?: string }

/** workload → backend setting → every path its fits took (one, unless something changed). */
export type FitPaths = Record<string, Record<string, string[]>>;

/**
 * Adds one fit's route; `route` undefined (no fit recorded) counts as 'unknown'.
 *
 * @example
 * const paths: FitPaths = {};
 * recordFitPath(paths, 'cnn', 'wasm', { path: 'tfjs', reason: 'input is not 2-D [batch, features]' });
 * // paths → { cnn: { wasm: ['tfjs (input is not 2-D [batch, features])'] } }
 */
export function recordFitPath(paths: FitPaths, workload: string, backend: string, route: FitRouteSeen | undefined): void {
  const text = route ? route.path + (route.reason ? ` (${route.reason})` : '') : 'unknown';
  const seen = ((paths[workload] ??= {})[backend] ??= []);
  if (!seen.includes(text)) seen.push(text);
}

/**
 * The backends on which `workload` took any path other than a fast one, as 'backend: paths'
 * (empty when every fit was fast, or when the workload was not measured).
 *
 * @example
 * notFast({ xor: { cpu: ['fast-js'], wasm: ['tfjs (nn.fast is false)'] } }, 'xor') // → ['wasm: tfjs (nn.fast is false)']
 */
export function notFast(paths: FitPaths, workload: string): string[] {
  return Object.entries(paths[workload] ?? {})
    .filter(([, seen]) => seen.some((p) => !p.startsWith('fast-')))
    .map(([backend, seen]) => `${backend}: ${seen.join(' | ')}`);
}

/**
 * One line per workload: the paths on each backend.
 *
 * @example
 * describeFitPaths({ xor: { webgl: ['fast-js'], cpu: ['fast-js'] } }) // → 'xor model.fit path: webgl fast-js; cpu fast-js'
 */
export function describeFitPaths(paths: FitPaths): string {
  return Object.entries(paths)
    .map(([w, perBackend]) => `${w} model.fit path: ${Object.entries(perBackend).map(([b, seen]) => `${b} ${seen.join(' | ')}`).join('; ')}`)
    .join('\n');
}
