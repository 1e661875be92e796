import type * as tfjs from '@tensorflow/tfjs';
import { gaussian, rng } from '../teach/seed';

export interface TrafficOptions {
  /** days of data, starting on a Monday at 00:00 (default 28) */
  days?: number;
  /** minutes between readings (default 60; must divide a day) */
  stepMinutes?: number;
  /** relative noise, e.g. 0.08 = ±8 % typical (default 0.08) */
  noise?: number;
  /** own seed; without it the data follow nn.seed */
  seed?: number;
}

export type Traffic = {
  /** vehicles per hour at one city sensor, [n] float32 (the caller disposes) */
  flow: tfjs.Tensor1D;
  /** hours since Monday 00:00 of each reading */
  hours: number[];
  /** readings per day (24 at the default 60-minute step) */
  stepsPerDay: number;
};

const bump = (h: number, centre: number, width: number) => Math.exp(-0.5 * ((h - centre) / width) ** 2);

/**
 * The expected flow (vehicles/hour) at hour-of-day h: a quiet night, a morning rush
 * peak near 08:00 and an evening one near 17:30 on weekdays; a broad midday hump and
 * less traffic at weekends; Friday evenings busier.
 */
export function expectedFlow(day: number, h: number): number {
  const weekday = day % 7 < 5;
  const night = 120;
  if (weekday) {
    const friday = day % 7 === 4 ? 1.15 : 1;
    return night + 650 * bump(h, 13, 4.5) + 1500 * bump(h, 8, 1.1) + 1300 * friday * bump(h, 17.5, 1.4);
  }
  return night * 0.9 + 900 * bump(h, 14, 3.5);
}

/**
 * Synthetic city traffic flow for the application lesson: daily and weekly cycles, rush
 * hours, multiplicative AR(1) noise (busy hours stay busy) and a few incidents (an hour
 * or two at half flow). Deterministic for a seed.
 *
 * @example
 * const { flow, stepsPerDay } = nn.data.traffic({ days: 28, seed: 1 });
 * const w = nn.data.windows(flow.div(1000), { lookback: stepsPerDay });
 */
export function traffic(tf: typeof tfjs, opts: TrafficOptions = {}): Traffic {
  const { days = 28, stepMinutes = 60, noise = 0.08 } = opts;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`traffic: days must be a whole number ≥ 1, got ${days}`);
  if (!(stepMinutes > 0) || (24 * 60) % stepMinutes !== 0) throw new RangeError(`traffic: stepMinutes must divide a day, got ${stepMinutes}`);
  const r = rng(opts.seed);
  const stepsPerDay = (24 * 60) / stepMinutes;
  const n = days * stepsPerDay;
  const flow = new Float32Array(n);
  const hours: number[] = new Array(n);
  let e = 0, incident = 0;
  for (let i = 0; i < n; i++) {
    const day = Math.floor(i / stepsPerDay), h = ((i % stepsPerDay) * stepMinutes) / 60;
    hours[i] = day * 24 + h;
    e = 0.7 * e + noise * Math.sqrt(1 - 0.49) * gaussian(r);
    // About one incident every three days, lasting ~1.5 hours.
    if (incident <= 0 && r() < stepMinutes / (3 * 24 * 60)) incident = 90;
    const factor = incident > 0 ? 0.5 : 1;
    incident -= stepMinutes;
    flow[i] = Math.max(0, expectedFlow(day, h) * (1 + e) * factor);
  }
  return { flow: tf.tensor1d(flow), hours, stepsPerDay };
}
