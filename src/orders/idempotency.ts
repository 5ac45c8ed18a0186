import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { idempotencyKeys, orders } from '../db/schema';
import { canonicalJson } from '../lib/canonical-json';
import { ApiError } from './errors';

// Idempotency-Key on order intake, as payment APIs have it: the same key with the same
// request answers with the first order; with a different request it is refused (422).
// The key is claimed before a number is allocated, so a request that loses the race for
// a key never uses up an order number.

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type OrderRow = typeof orders.$inferSelect;

export const requestFingerprint = (request: unknown): string => createHash('sha256').update(canonicalJson(request)!).digest('hex');

/** The order a key already stands for; 422 when the key was used for a different request. */
export async function orderForKey(db: Db, scope: string, key: string, fingerprint: string): Promise<OrderRow | undefined> {
  const [hit] = await db
    .select({ order: orders, requestHash: idempotencyKeys.requestHash })
    .from(idempotencyKeys)
    .innerJoin(orders, eq(orders.orderNo, idempotencyKeys.orderNo))
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!hit) return undefined;
  // Keys stored before fingerprints were kept carry none, and cannot be checked.
  if (hit.requestHash !== '' && hit.requestHash !== fingerprint) {
    throw new ApiError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key '${key}' was already used for a different request (order ${hit.order.orderNo}); send a new key for a new order`,
    );
  }
  return hit.order;
}

/** Claims the key in the intake's transaction; false when another request holds it. */
export async function claimKey(tx: Tx, scope: string, key: string, fingerprint: string): Promise<boolean> {
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash: fingerprint })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

export async function bindKey(tx: Tx, scope: string, key: string, orderNo: string): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ orderNo })
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}
