// Shared by this folder's *.test.ts files only: a DisplaySink that records what nn sends.
import type { OutputItem } from '../../src/kernel/protocol';
import type { DisplaySink } from './DisplaySink';

export interface Recorded { displays: { items: OutputItem[]; displayId?: string }[]; updates: { displayId: string; delta: any }[] }

export function recordingSink(withUpdates = true): DisplaySink & Recorded {
  const displays: Recorded['displays'] = [];
  const updates: Recorded['updates'] = [];
  return {
    displays, updates,
    display: (items, displayId) => { displays.push({ items, displayId }); },
    ...(withUpdates ? { update: (displayId: string, delta: unknown) => { updates.push({ displayId, delta }); } } : {}),
  };
}

/** The parsed JSON of the first nnbook item of a display. */
export function payloadOf(d: { items: OutputItem[] }): any {
  const item = d.items.find((i) => i.mime.startsWith('application/vnd.nnbook.'));
  if (!item) throw new Error(`no nnbook item in ${d.items.map((i) => i.mime).join(', ')}`);
  return JSON.parse(item.data);
}
