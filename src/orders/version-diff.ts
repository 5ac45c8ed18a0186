import { sameJson as same } from '../lib/canonical-json';

// What changed between two versions of an order, for the audit view of its versions.

export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

/** Items keyed by SKU, or undefined when they cannot be (not an array, a missing or repeated SKU). */
function bySku(items: unknown): Map<string, Record<string, unknown>> | undefined {
  if (items === undefined) return new Map();
  if (!Array.isArray(items)) return undefined;
  const map = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    if (!isRecord(item) || typeof item.sku !== 'string' || map.has(item.sku)) return undefined;
    map.set(item.sku, item);
  }
  return map;
}

function diffItems(before: unknown, after: unknown): FieldDiff[] | undefined {
  const a = bySku(before);
  const b = bySku(after);
  if (!a || !b) return undefined;
  const out: FieldDiff[] = [];
  for (const sku of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(sku);
    const y = b.get(sku);
    if (!x || !y) {
      out.push({ field: `items[${sku}]`, before: x, after: y });
      continue;
    }
    for (const key of unionKeys(x, y)) {
      if (!same(x[key], y[key])) out.push({ field: `items[${sku}].${key}`, before: x[key], after: y[key] });
    }
  }
  return out;
}

export function diffOrders(before: Record<string, unknown>, after: Record<string, unknown>): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of unionKeys(before, after)) {
    if (same(before[field], after[field])) continue;
    const items = field === 'items' ? diffItems(before[field], after[field]) : undefined;
    if (items) out.push(...items);
    else out.push({ field, before: before[field], after: after[field] });
  }
  return out;
}
