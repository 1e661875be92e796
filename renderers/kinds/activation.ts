import type { ChartPayload } from '../../runtime/display/payloads';
import { chartKind } from './chart';
import type { Kind } from './Kind';

/** An activation function and its derivative: a chart payload with its own mime, drawn as a chart. */
export const activationKind: Kind<ChartPayload> = {
  validate: (json) => chartKind.validate(json),
  draw: (root, payload, env) => chartKind.draw(root, payload, env),
};
