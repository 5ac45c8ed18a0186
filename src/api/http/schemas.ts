import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

// Pieces every resource's routes share: the path and header parameters, and the error
// shape each route declares beside its success answer.

/** `:orderNo` in every `/orders/:orderNo/...` path. */
export const orderNoParams = z.object({ orderNo: z.string().min(1).max(64) });

/** An order number in a query string. */
export const orderNoQuery = z.string().min(1).max(64);

/** A department name in a query string. */
export const departmentQuery = z.string().min(1).max(64);

export const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export const limitQuery = z.coerce.number().int().min(1).max(200).default(50);
export const cursorQuery = z.string().min(1).max(1000).optional();

/** { error: { code, message, details? } }: every failure, whatever its status. */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const errorStatuses = [400, 401, 403, 404, 409, 413, 414, 415, 422, 429, 500, 503] as const;
type ErrorStatus = (typeof errorStatuses)[number];

/** A route's response schemas: its own answers plus the error shape for every failure status. */
export function responses<T extends Record<number, z.ZodType>>(ok: T): T & Record<ErrorStatus, typeof errorBody> {
  const errors = Object.fromEntries(errorStatuses.map((s) => [s, errorBody])) as Record<ErrorStatus, typeof errorBody>;
  return { ...errors, ...ok };
}

/** A page of a keyset-paginated list. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A list that is never paginated (an order's own reports, changes, versions…). */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const isoInstant = z.iso.datetime({ offset: true });
export const personRef = z.object({ sub: z.string(), name: z.string() });

/** The app as a resource's route functions receive it, typed by its zod schemas. */
export type ZodApp = Parameters<FastifyPluginAsyncZod>[0];
