import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { orders } from '../db/schema';
import { ApiError } from '../orders/errors';
import type { OrderRow } from '../orders/intake';
import { fromTemporal } from './errors';

/** A call to the workflow engine, bounded in time, with its failures turned into API errors. */
export async function callEngine<T>(deps: { temporal: Client; engineTimeoutMs: number }, call: () => Promise<T>): Promise<T> {
  try {
    return await deps.temporal.withDeadline(Date.now() + deps.engineTimeoutMs, call);
  } catch (err) {
    throw fromTemporal(err) ?? err;
  }
}

/** The order's row, or a 404 that names it. */
export async function requireOrder(db: Db, orderNo: string): Promise<OrderRow> {
  const [row] = await db.select().from(orders).where(eq(orders.orderNo, orderNo));
  if (!row) throw new ApiError(404, 'NOT_FOUND', `order ${orderNo} does not exist`);
  return row;
}
