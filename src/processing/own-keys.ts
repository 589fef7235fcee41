/**
 * An object's own enumerable keys, for the capture's walks. JavaScript has no way to list the
 * first few keys of an object without listing all of them, and for an object with very many
 * (a 1M-entry lookup table) V8's listing costs more than linear time: about 0.7 s at a
 * million keys here. The node budget cannot bound that one step, so a huge object's listing
 * is done once: its first keys (as many as the capture could use) and its key count
 * are remembered with the object (in a WeakMap, gone with it), and later captures of the same
 * object reuse them. Such a capture shows at most those first keys anyway, marked as cut; a
 * key added to or deleted from the object afterwards may be missed by that mark.
 */

/** Objects with more keys than this have their listing remembered. */
export const MANY_KEYS = 10_000;

interface KeyList {
  /** The first keys: as many as the capture that listed them could use, at least MANY_KEYS. */
  readonly keys: readonly string[];
  /** How many own enumerable keys the object had when listed. */
  readonly total: number;
}

const remembered = new WeakMap<object, KeyList>();
/** Whether any huge object was ever listed: until then no capture pays for a WeakMap lookup. */
let anyRemembered = false;

/**
 * The keys of `value`, or for a huge object its first keys, at least `wanted` of them (the
 * capture's nodes left) when it has that many (see `keyCount` for how many it has).
 */
export function ownKeys(value: object, wanted: number): readonly string[] {
  const known = anyRemembered ? remembered.get(value) : undefined;
  if (known !== undefined && (known.keys.length >= wanted || known.keys.length === known.total)) return known.keys;
  const keys = Object.keys(value);
  if (keys.length <= MANY_KEYS) return keys;
  const kept = Math.max(MANY_KEYS, Math.min(wanted, keys.length));
  const list: KeyList = { keys: kept < keys.length ? keys.slice(0, kept) : keys, total: keys.length };
  remembered.set(value, list);
  anyRemembered = true;
  return list.keys;
}

/** Whether `value` is an object whose many keys were listed before. */
export function isHuge(value: object): boolean {
  return anyRemembered && remembered.has(value);
}

/** How many keys `value` has, given what `ownKeys` returned for it. */
export function keyCount(value: object, keys: readonly string[]): number {
  return keys.length < MANY_KEYS || !anyRemembered ? keys.length : (remembered.get(value)?.total ?? keys.length);
}
