import { readFileSync } from 'node:fs';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formJsonSchema, outcomesOf, taskKinds } from '../../../src/forms/task-forms';
import { orderInputSchema } from '../../../src/orders/schema';
import { orderStatuses, taskStatuses } from '../../../workflows/order/types';
import { en } from '../../../web/src/i18n/en';
import { zh } from '../../../web/src/i18n/zh';
import { z } from 'zod';

// Every string the page shows exists in Simplified Chinese and in English, and every name
// the API can send (task kinds, outcomes, form fields, statuses, timeline events) has a
// label in both.

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const zhKeys = flatten(zh);
const enKeys = flatten(en);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Every property name in a JSON Schema, at any depth. */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => propertyNames(s, into));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((k) => into.add(k));
      propertyNames(value, into);
    }
  }
  return into;
}

describe('translations', () => {
  it('have the same keys in both languages, none of them empty', () => {
    expect([...enKeys.keys()].sort()).toEqual([...zhKeys.keys()].sort());
    for (const [key, text] of [...zhKeys, ...enKeys]) expect(text.trim(), key).not.toBe('');
    expect(zhKeys.size).toBeGreaterThan(300);
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of zhKeys) expect(placeholders(enKeys.get(key)!), key).toEqual(placeholders(text));
  });

  it('name every task kind, outcome and form field the API publishes', () => {
    const fields = new Set<string>(propertyNames(z.toJSONSchema(orderInputSchema, { io: 'input', unrepresentable: 'any' })));
    for (const kind of taskKinds) {
      expect(zhKeys.has(`kind.${kind}`), `kind.${kind}`).toBe(true);
      for (const outcome of outcomesOf(kind)) {
        expect(zhKeys.has(`outcome.${outcome}`), `outcome.${outcome}`).toBe(true);
        propertyNames(formJsonSchema(kind, outcome), fields);
      }
    }
    expect(fields.size).toBeGreaterThan(50);
    for (const field of fields) expect(zhKeys.has(`field.${field}`), `field.${field}`).toBe(true);
  });

  it('name every order status, task status and audit timeline event', () => {
    for (const s of orderStatuses) expect(zhKeys.has(`status.${s}`), s).toBe(true);
    for (const s of taskStatuses) expect(zhKeys.has(`taskStatus.${s}`), s).toBe(true);
    const timeline = ['timeline.ts', 'timeline-events.ts']
      .map((f) => readFileSync(new URL(`../../../src/orders/${f}`, import.meta.url), 'utf8'))
      .join('\n');
    const events = new Set([...timeline.matchAll(/type: '([a-z_]+)'/g)].map((m) => m[1]));
    expect(events.size).toBeGreaterThan(10);
    for (const e of events) expect(zhKeys.has(`event.${e}`), `event.${e}`).toBe(true);
  });

  it('interpolate and count as i18next renders them, Chinese by default', async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
    expect(i18n.t('task.complete', { outcome: i18n.t('outcome.reject') })).toBe('提交：驳回');
    expect(i18n.t('errors.unavailable', { seconds: 7 })).toBe('服务繁忙，请 7 秒后重试；已填写的内容会保留。');
    await i18n.changeLanguage('en');
    expect(i18n.t('task.complete', { outcome: i18n.t('outcome.reject') })).toBe('Complete: Reject');
  });
});
