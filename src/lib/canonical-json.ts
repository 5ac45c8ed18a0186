import { configure } from 'safe-stable-stringify';

// Stable JSON: object keys sorted, undefined members dropped, so that equal values give
// equal text (policy version hashes, version diffs, idempotent request fingerprints).
const stringify = configure({ deterministic: true, circularValue: TypeError, bigint: false });

/** The canonical text of a JSON value; undefined for undefined. */
export function canonicalJson(value: unknown): string | undefined {
  return stringify(value);
}

/** Whether two JSON values are equal, whatever the order of their keys. */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
