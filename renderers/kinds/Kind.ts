import type { LiveRouter } from '../live';
import type { Theme } from '../theme';

/** What a kind's draw gets besides its payload. */
export interface DrawEnv {
  theme: Theme;
  live: LiveRouter;
}

/** A drawn output: how to tear it down, and its live state if it can be updated. */
export interface Drawn {
  dispose(): void;
  /** For live outputs: whose updates it takes and the last one applied. */
  live?: { displayId: string; readonly seq: number; readonly running: boolean };
}

/**
 * One output kind: `validate` turns JSON into a payload or throws a PayloadError;
 * `draw` fills the output's root. One module per kind under renderers/kinds/.
 */
export interface Kind<P = unknown> {
  validate(json: unknown): P;
  draw(root: HTMLElement, payload: P, env: DrawEnv): Promise<Drawn>;
}
