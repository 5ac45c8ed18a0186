import { ApplicationFailure } from '@temporalio/workflow';
import { allows, type AccessAction, type AccessSubject } from '../access';
import { Rejection } from './messages';
import type { Actor } from './types';

// What the Update validators of every workflow share: a typed rejection the API maps to an
// HTTP status, the access check, and the refusal of text that cannot be stored.

export const reject = (type: string, message: string, details?: unknown): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
};

/** The access rules (workflows/access.ts) decide; a refusal names who may. */
export function requireAccess(actor: Actor, action: AccessAction, who: string, subject?: AccessSubject): void {
  if (!allows(actor, action, subject)) reject(Rejection.NotYourTask, `only ${who}`);
}

// PostgreSQL cannot store a NUL character or half of a surrogate pair; text carrying one
// would be accepted here and then fail every projection write.
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` that cannot be stored, if any. */
export function unstorableTextAt(value: unknown, path = 'request'): string | undefined {
  if (typeof value === 'string') return unstorable.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = unstorableTextAt(value[i], `${path}.${i}`);
      if (at) return at;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const at = unstorableTextAt(key, path) ?? unstorableTextAt(v, `${path}.${key}`);
      if (at) return at;
    }
  }
  return undefined;
}

/** Wraps an Update validator so that no request with unstorable text reaches the history. */
export function storable<A extends unknown[]>(check: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    const at = unstorableTextAt(args[0]);
    if (at) {
      reject(Rejection.InvalidRequest, `${at} contains a NUL character or an unpaired surrogate, which cannot be stored`, [
        { path: at, message: 'contains a NUL character or an unpaired surrogate' },
      ]);
    }
    check(...args);
  };
}
