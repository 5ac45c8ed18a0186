// Which routes this API offers, read from its own OpenAPI document (/docs/json), so the
// page shows unclaim, assign, replay and KPIs only where the service has them.

export type Features = ReadonlySet<string>;

/** "POST /tasks/:id/unclaim" → "post /tasks/{}/unclaim", comparable with the document's paths. */
export function routeKey(method: string, path: string): string {
  const normalised = path.replace(/\{[^}]+\}/g, '{}').replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '{}');
  return `${method.toLowerCase()} ${normalised}`;
}

export function featuresOf(openapi: unknown): Features {
  const paths = (openapi as { paths?: Record<string, Record<string, unknown>> } | null)?.paths ?? {};
  const keys = new Set<string>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const method of Object.keys(methods ?? {})) keys.add(routeKey(method, path));
  }
  return keys;
}

export const offers = (features: Features, method: string, path: string): boolean => features.has(routeKey(method, path));

/** The JSON Schema of a route's JSON request body, as the API documents it. */
export function requestBodySchema(openapi: unknown, method: string, path: string): Record<string, unknown> | undefined {
  const op = (openapi as { paths?: Record<string, Record<string, unknown>> } | null)?.paths?.[path]?.[method.toLowerCase()] as
    { requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } } | undefined;
  return op?.requestBody?.content?.['application/json']?.schema;
}
