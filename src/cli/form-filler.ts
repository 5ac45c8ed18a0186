// Fills a task's JSON Schema form with plausible data, so that a client knowing nothing of
// the task kinds can complete any task from `GET /tasks/:id` alone. Only the subset of
// draft 2020-12 that zod's z.toJSONSchema emits is understood.

export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | boolean;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  [keyword: string]: unknown;
}

const DATE_OFFSET_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export function fillForm(schema: JsonSchema, today: string): unknown {
  const start = new Date(`${today}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(start.getTime())) throw new Error(`today must be YYYY-MM-DD, got '${today}'`);
  // Far enough ahead for any "at least n working days' notice" rule, and never in the past.
  const date = new Date(start.getTime() + DATE_OFFSET_DAYS * DAY_MS).toISOString().slice(0, 10);
  return fill(schema, { root: schema, date, depth: 0 }, 'value');
}

interface Ctx {
  root: JsonSchema;
  date: string;
  depth: number;
}

function fill(schema: JsonSchema | boolean | undefined, ctx: Ctx, label: string): unknown {
  if (schema === undefined || typeof schema === 'boolean') return text(label, {});
  if (ctx.depth > 32) throw new Error(`schema nests too deeply at '${label}'`);
  const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
  if (schema.$ref) return fill(resolveRef(schema.$ref, ctx.root), inner, label);
  if ('const' in schema) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) {
    // A non-null alternative says more about what the field is for.
    const pick = alternatives.find((a) => a.type !== 'null') ?? alternatives[0];
    return fill({ ...withoutKeys(schema, ['anyOf', 'oneOf']), ...pick }, inner, label);
  }
  if (schema.allOf && schema.allOf.length > 0) {
    const merged = schema.allOf.reduce<JsonSchema>((acc, s) => mergeSchemas(acc, s), withoutKeys(schema, ['allOf']));
    return fill(merged, inner, label);
  }

  switch (typeOf(schema)) {
    case 'object':
      return fillObject(schema, inner);
    case 'array':
      return fillArray(schema, inner, label);
    case 'string':
      return fillString(schema, ctx, label);
    case 'integer':
      return fillNumber(schema, true);
    case 'number':
      return fillNumber(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return text(label, {});
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  const t = Array.isArray(schema.type) ? (schema.type.find((x) => x !== 'null') ?? schema.type[0]) : schema.type;
  if (t) return t;
  // No explicit type: infer it from the keywords present.
  if (schema.properties || schema.required) return 'object';
  if (schema.items !== undefined || schema.prefixItems || schema.minItems !== undefined) return 'array';
  if (schema.format || schema.pattern || schema.minLength !== undefined || schema.maxLength !== undefined) return 'string';
  if (
    schema.minimum !== undefined ||
    schema.maximum !== undefined ||
    schema.exclusiveMinimum !== undefined ||
    schema.exclusiveMaximum !== undefined
  )
    return 'number';
  return undefined;
}

function fillObject(schema: JsonSchema, ctx: Ctx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of schema.required ?? []) out[key] = fill(schema.properties?.[key], ctx, key);
  return out;
}

function fillArray(schema: JsonSchema, ctx: Ctx, label: string): unknown[] {
  const prefix = schema.prefixItems ?? [];
  const min = Math.max(schema.minItems ?? 0, prefix.length);
  const out: unknown[] = [];
  for (let i = 0; i < min; i++) {
    const itemSchema = i < prefix.length ? prefix[i] : schema.items;
    out.push(fill(itemSchema, ctx, `${label} ${i + 1}`));
  }
  return out;
}

function fillString(schema: JsonSchema, ctx: Ctx, label: string): string {
  const byFormat: Record<string, string> = {
    date: ctx.date,
    'date-time': `${ctx.date}T09:00:00Z`,
    time: '09:00:00',
    email: 'demo@example.com',
    uri: 'https://example.com',
    url: 'https://example.com',
    uuid: '00000000-0000-4000-8000-000000000000',
  };
  const preferred = schema.format ? byFormat[schema.format] : undefined;
  const readable = text(label, schema);
  if (!schema.pattern) return preferred ?? readable;
  const re = new RegExp(schema.pattern, 'u');
  // A pattern cannot be generated from in general; try the values this service's forms need.
  const candidates = [
    preferred,
    readable,
    ctx.date,
    `${ctx.date}T09:00:00Z`,
    'demo@example.com',
    'https://example.com',
    'ABC',
    'abc',
    '1',
    'A1',
  ];
  const match = candidates.find((c): c is string => c !== undefined && re.test(c) && fitsLength(c, schema));
  if (!match) throw new Error(`cannot produce a string for '${label}' matching /${schema.pattern}/`);
  return match;
}

/** Readable text for a field, within minLength and maxLength. */
function text(label: string, schema: JsonSchema): string {
  let s = `Demo ${label}`;
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  if (s.length < min) s = s + '.'.repeat(min - s.length);
  if (s.length > max) s = s.slice(0, Math.max(max, 0));
  return s;
}

const fitsLength = (s: string, schema: JsonSchema) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);

function fillNumber(schema: JsonSchema, integer: boolean): number {
  const step = schema.multipleOf && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : undefined;
  let lo = -Infinity;
  let loExclusive = false;
  if (schema.minimum !== undefined) lo = schema.minimum;
  if (schema.exclusiveMinimum !== undefined && schema.exclusiveMinimum >= lo) {
    lo = schema.exclusiveMinimum;
    loExclusive = true;
  }
  let hi = Infinity;
  let hiExclusive = false;
  if (schema.maximum !== undefined) hi = schema.maximum;
  if (schema.exclusiveMaximum !== undefined && schema.exclusiveMaximum <= hi) {
    hi = schema.exclusiveMaximum;
    hiExclusive = true;
  }
  const ok = (n: number) =>
    (loExclusive ? n > lo : n >= lo) && (hiExclusive ? n < hi : n <= hi) && (step === undefined || isMultiple(n, step));

  // 1 reads naturally as a quantity; otherwise walk up from the lower bound.
  const candidates = [1, 0];
  if (Number.isFinite(lo)) {
    const base = step ? Math.ceil(lo / step) * step : lo;
    candidates.push(base, step ? base + step : lo + 1, step ? base + 2 * step : lo + 0.5);
  }
  if (Number.isFinite(hi)) {
    const base = step ? Math.floor(hi / step) * step : hi;
    candidates.push(base, step ? base - step : hi - 1, step ? base - 2 * step : hi - 0.5);
  }
  if (Number.isFinite(lo) && Number.isFinite(hi)) candidates.push((lo + hi) / 2);
  const found = candidates.find(ok);
  if (found === undefined) throw new Error(`no number satisfies ${JSON.stringify(schema)}`);
  return found;
}

function isMultiple(n: number, step: number): boolean {
  const q = n / step;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got '${ref}'`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (!node || typeof node !== 'object') throw new Error(`unresolvable reference '${ref}'`);
  return node as JsonSchema;
}

function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  return {
    ...a,
    ...b,
    properties: a.properties || b.properties ? { ...a.properties, ...b.properties } : undefined,
    required: a.required || b.required ? [...new Set([...(a.required ?? []), ...(b.required ?? [])])] : undefined,
  };
}

function withoutKeys(schema: JsonSchema, keys: string[]): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !keys.includes(k)));
}
