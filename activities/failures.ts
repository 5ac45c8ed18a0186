import { ApplicationFailure } from '@temporalio/common';

// Which database failures a retry can fix. A lost connection, a timeout, a deadlock or a
// server shutting down pass; a value the database refuses (bad text, a broken constraint,
// a row too large) fails the same way every time, so the activity fails at once and the
// workflow records the incident instead of retrying forever.

/** SQLSTATE classes no retry can fix: data exceptions, integrity violations, invalid statements, program limits. */
const permanentClasses = new Set(['22', '23', '42', '54']);

export const projectionRejected = 'ProjectionRejected';

/** The SQLSTATE and the database's own message (never the query or its parameters) of an error, if it has one. */
export function databaseError(err: unknown): { code: string; message: string } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: String((e as Error).message).split('\n')[0] };
  }
  return undefined;
}

export function isPermanent(err: unknown): boolean {
  const db = databaseError(err);
  return db !== undefined && permanentClasses.has(db.code.slice(0, 2));
}

type Activities = Record<string, (...args: never[]) => Promise<unknown>>;

/** Every activity fails fast, as a typed non-retryable failure, when the database refuses what it writes. */
export function failFastOnRefusedWrites<T extends Activities>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (!isPermanent(err)) throw err;
        const db = databaseError(err)!;
        throw ApplicationFailure.create({
          type: projectionRejected,
          message: `${name} was refused by the database (${db.code}): ${db.message}`,
          nonRetryable: true,
        });
      }
    };
  }
  return wrapped as T;
}
