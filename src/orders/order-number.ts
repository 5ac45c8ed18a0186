import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orderNumberSequences } from '../db/schema';
import type { Policy } from '../../workflows/policy';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Renders the encoding rule, e.g. SO-20261122-0001, for a receipt date (YYYY-MM-DD). */
export function formatOrderNumber(rule: Policy['orderNumber'], isoDate: string, seq: number): string {
  const [yyyy, mm, dd] = isoDate.split('-');
  return rule.pattern
    .replaceAll('{prefix}', rule.prefix)
    .replaceAll('{yyyy}', yyyy)
    .replaceAll('{mm}', mm)
    .replaceAll('{dd}', dd)
    .replaceAll('{seq}', String(seq).padStart(rule.sequenceDigits, '0'));
}

/** Advances the day's sequence in one statement: the row lock makes concurrent intakes queue, never collide. */
export async function allocateOrderNumber(tx: Db | Tx, rule: Policy['orderNumber'], isoDate: string): Promise<string> {
  const day = `${rule.prefix}:${isoDate}`;
  const [row] = await tx
    .insert(orderNumberSequences)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: orderNumberSequences.day, set: { last: sql`${orderNumberSequences.last} + 1` } })
    .returning({ last: orderNumberSequences.last });
  return formatOrderNumber(rule, isoDate, row.last);
}
