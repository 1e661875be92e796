// The tfjs namespace is passed in rather than imported so that the runtime, the tests and
// the benchmarks all act on the one tfjs instance the caller uses (the registries are global,
// but the caller decides when tfjs is loaded).
import type * as tfjs from '@tensorflow/tfjs';

/** The `@tensorflow/tfjs` namespace, as the caller imported it. */
export type Tf = typeof tfjs;
