/**
 * Sets an own, enumerable data property, even for the key `__proto__` (where plain
 * assignment would change the prototype instead, losing the field). JSON may hold any key.
 *
 * @example
 * const o: Record<string, unknown> = {};
 * setOwn(o, '__proto__', 1); Object.keys(o) // ['__proto__']
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
