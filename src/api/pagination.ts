import { z } from 'zod';
import { ApiError } from '../orders/errors';

// Opaque keyset cursors: base64url JSON of the last row's sort key.

export const limitParam = z.coerce.number().int().min(1).max(200).default(50);

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends unknown[]>(cursor: string | undefined, shape: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the 400 below
  }
  throw new ApiError(400, 'VALIDATION_FAILED', 'cursor is not one this API issued', [
    { path: 'querystring.cursor', message: 'invalid cursor' },
  ]);
}
