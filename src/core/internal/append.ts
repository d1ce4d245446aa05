/** @internal Appends to the list at `key`, in place: copying it for each entry was quadratic. */
export function append<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const entries = map.get(key);
  if (entries) entries.push(value);
  else map.set(key, [value]);
}
