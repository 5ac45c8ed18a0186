import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/client';

/** The rows of a raw query, whichever driver runs it (postgres.js answers an array, PGlite `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const answer: unknown = await db.execute(query);
  const result = answer as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The single row of an aggregate query. */
export async function rowOf<T>(db: Db, query: SQL): Promise<T> {
  const [row] = await rowsOf<T>(db, query);
  return row;
}
