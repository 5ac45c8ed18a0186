import { and, asc, desc, eq, gt, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isCleanText } from '../../lib/clean-text';
import { ApiError } from '../../orders/errors';

// Keyset pagination for every list: the cursor is the opaque (base64url JSON) sort key of
// the last row of a page, and the next page starts strictly after it.

type KeyValue = Date | string | number;

interface KeyPart<Row> {
  column: AnyColumn;
  order: 'asc' | 'desc';
  kind: 'timestamp' | 'text' | 'int';
  of: (row: Row) => KeyValue;
}

const INT4_MAX = 2_147_483_647;
// Years PostgreSQL and Date both represent; a cursor outside them is not one we issued.
const EARLIEST = Date.UTC(1, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const valueSchemas = {
  timestamp: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .refine((d) => d.getTime() >= EARLIEST && d.getTime() <= LATEST),
  text: z.string().max(500).refine(isCleanText),
  int: z.number().int().min(-INT4_MAX).max(INT4_MAX),
} as const;

const invalidCursor = () =>
  new ApiError(400, 'VALIDATION_FAILED', 'cursor is not one this API issued', [{ path: 'querystring.cursor', message: 'invalid cursor' }]);

export interface Keyset<Row> {
  /** The sort order of the list. */
  orderBy: SQL[];
  /** The condition "after the cursor", or undefined for the first page; a 400 for a cursor we did not issue. */
  after(cursor: string | undefined): SQL | undefined;
  /** The page of `limit` rows out of `limit + 1` fetched, with the cursor of the next page. */
  page(rows: Row[], limit: number): { rows: Row[]; nextCursor: string | null };
}

export function keyset<Row>(parts: KeyPart<Row>[]): Keyset<Row> {
  const tuple = z.tuple(parts.map((p) => valueSchemas[p.kind]) as unknown as [z.ZodType, ...z.ZodType[]]);

  function decode(cursor: string): KeyValue[] {
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const parsed = tuple.safeParse(raw);
    if (!parsed.success) throw invalidCursor();
    return parsed.data;
  }

  return {
    orderBy: parts.map((p) => (p.order === 'asc' ? asc(p.column) : desc(p.column))),
    after(cursor) {
      if (cursor === undefined) return undefined;
      const values = decode(cursor);
      // (a, b, c) after (x, y, z): a beyond x, or a = x and b beyond y, or …
      const branches = parts.map((p, i) =>
        and(...parts.slice(0, i).map((q, j) => eq(q.column, values[j])), (p.order === 'asc' ? gt : lt)(p.column, values[i])),
      );
      return or(...branches);
    },
    page(rows, limit) {
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      if (rows.length <= limit || !last) return { rows: page, nextCursor: null };
      const key = parts.map((p) => {
        const v = p.of(last);
        return v instanceof Date ? v.toISOString() : v;
      });
      return { rows: page, nextCursor: Buffer.from(JSON.stringify(key)).toString('base64url') };
    },
  };
}
