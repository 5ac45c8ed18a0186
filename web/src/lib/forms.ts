// Task forms arrive as JSON Schema (GET /tasks/:id → forms[outcome]). These helpers only
// dress them for people: labels in the current language, text areas for long text, and the
// order's current values where a form asks for a revised order.

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  maxLength?: number;
  format?: string;
  title?: string;
  [key: string]: unknown;
};

export type UiSchema = { [key: string]: unknown };

type TitleOf = (name: string) => string;

/** A copy of the schema with a title on every named property (rjsf labels fields by title). */
export function withTitles(schema: JsonSchema, titleOf: TitleOf): JsonSchema {
  const copy: JsonSchema = { ...schema };
  delete copy.$schema;
  if (schema.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, sub]) => [name, { ...withTitles(sub, titleOf), title: titleOf(name) }]),
    );
  }
  if (schema.items && typeof schema.items === 'object') {
    copy.items = withTitles(schema.items, titleOf);
  }
  return copy;
}

const LONG_TEXT = 1000;

/** Text areas for long strings and named choices, nested as the schema nests. */
export function uiSchemaFor(schema: JsonSchema, choiceLabel: (value: string) => string = (v) => v): UiSchema {
  const ui: UiSchema = {};
  if (schema.type === 'string' && (schema.maxLength ?? 0) >= LONG_TEXT && !schema.format) ui['ui:widget'] = 'textarea';
  if (Array.isArray(schema.enum)) ui['ui:enumNames'] = schema.enum.map((v) => choiceLabel(String(v)));
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const child = uiSchemaFor(sub, choiceLabel);
    if (Object.keys(child).length) ui[name] = child;
  }
  if (schema.items && typeof schema.items === 'object') {
    const child = uiSchemaFor(schema.items, choiceLabel);
    if (Object.keys(child).length) ui.items = child;
  }
  return ui;
}

/**
 * The API's OpenAPI 3.0 document writes an exclusive bound as a boolean beside
 * minimum/maximum, and nullability as `nullable`; JSON Schema 2020-12 says both differently.
 */
export function fromOpenApi30(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, fromOpenApi30(v)]));
  if (schema.items && typeof schema.items === 'object') out.items = fromOpenApi30(schema.items);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) out[key] = (schema[key] as JsonSchema[]).map(fromOpenApi30);
  }
  return out;
}

/** Forms whose field holds a revised order: prefilled with the order as it stands. */
const revisionField: Record<string, string> = { renegotiation: 'revision', change_renegotiation: 'changes' };

export function initialData(kind: string, schema: JsonSchema, order: Record<string, unknown> | undefined): Record<string, unknown> {
  const field = revisionField[kind];
  const target = field ? schema.properties?.[field] : undefined;
  if (!field || !target?.properties || !order) return {};
  const allowed = Object.keys(target.properties);
  return { [field]: Object.fromEntries(Object.entries(order).filter(([k, v]) => allowed.includes(k) && v !== undefined && v !== null)) };
}

/** Drops empty strings, empty objects and empty arrays that a form leaves behind for optional fields. */
export function pruneEmpty(value: unknown, required: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => pruneEmpty(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const pruned = pruneEmpty(v);
      const empty =
        pruned === undefined || pruned === '' || (typeof pruned === 'object' && pruned !== null && Object.keys(pruned).length === 0);
      if (!empty || required.includes(k)) out[k] = pruned;
    }
    return out;
  }
  return value;
}
