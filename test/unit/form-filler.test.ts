import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fillForm, type JsonSchema } from '../../src/cli/form-filler';
import { checkCompletion, formOf, outcomesOf, taskKinds } from '../../src/forms/task-forms';

const TODAY = '2026-11-22';
const published = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

describe('fillForm on every published task form', () => {
  const cases = taskKinds.flatMap((kind) => outcomesOf(kind).map((outcome) => [kind, outcome] as const));

  // Every outcome fills, the negative ones included: their required data (reasons, defects,
  // issues) are plain non-empty lists, and a revision with no field changed is valid.
  it.each(cases)('%s → %s', (kind, outcome) => {
    const data = fillForm(published(formOf(kind, outcome)!), TODAY);
    const check = checkCompletion(kind, outcome, data);
    expect(check.ok, check.ok ? '' : check.message).toBe(true);
  });

  it('gives dates far enough ahead for the complex-order meeting notice', () => {
    const data = fillForm(published(formOf('review_meeting', 'scheduled')!), TODAY) as { meetingDate: string };
    expect(data.meetingDate).toBe('2026-12-22');
  });
});

describe('fillForm keywords', () => {
  it('puts format: date 30 days after today, across month and year ends', () => {
    const schema: JsonSchema = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    expect(fillForm(schema, '2026-11-22')).toBe('2026-12-22');
    expect(fillForm(schema, '2026-12-15')).toBe('2027-01-14');
    expect(fillForm(schema, '2028-02-10')).toBe('2028-03-11');
  });

  it('refuses a malformed today', () => {
    expect(() => fillForm({ type: 'string' }, '22.11.2026')).toThrow(/YYYY-MM-DD/);
  });

  it('fills email and uri formats', () => {
    expect(fillForm({ type: 'string', format: 'email' }, TODAY)).toBe('demo@example.com');
    expect(fillForm({ type: 'string', format: 'uri' }, TODAY)).toBe('https://example.com');
  });

  it('honours minLength and maxLength of plain text', () => {
    const long = fillForm({ type: 'string', minLength: 40 }, TODAY) as string;
    expect(long.length).toBeGreaterThanOrEqual(40);
    const short = fillForm({ type: 'string', minLength: 1, maxLength: 3 }, TODAY) as string;
    expect(short.length).toBeGreaterThanOrEqual(1);
    expect(short.length).toBeLessThanOrEqual(3);
  });

  it('fills only required properties, recursively', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'integer' }, c: { type: 'string' } }, required: ['b'] },
        d: { type: 'string' },
      },
      required: ['a'],
    };
    expect(fillForm(schema, TODAY)).toEqual({ a: { b: 1 } });
  });

  it('fills minItems items, at least one', () => {
    const strings = fillForm({ type: 'array', minItems: 3, items: { type: 'string', minLength: 1 } }, TODAY) as string[];
    expect(strings).toHaveLength(3);
    expect(new Set(strings).size).toBe(3);
    expect(
      fillForm({ type: 'array', minItems: 1, items: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] } }, TODAY),
    ).toEqual([{ n: 1 }]);
    expect(fillForm({ type: 'array', items: { type: 'string' } }, TODAY)).toEqual([]);
  });

  it('returns const and the first enum value', () => {
    expect(fillForm({ type: 'boolean', const: true }, TODAY)).toBe(true);
    expect(fillForm({ type: 'boolean', const: false }, TODAY)).toBe(false);
    expect(fillForm({ type: 'boolean' }, TODAY)).toBe(true);
    expect(fillForm({ type: 'string', const: 'fixed' }, TODAY)).toBe('fixed');
    expect(fillForm({ type: 'string', enum: ['sea', 'air'] }, TODAY)).toBe('sea');
    expect(fillForm(published(z.object({ mode: z.enum(['road', 'rail']), v: z.literal(2) })), TODAY)).toEqual({ mode: 'road', v: 2 });
  });

  it('honours minimum, exclusiveMinimum and maximum', () => {
    expect(fillForm({ type: 'number', exclusiveMinimum: 0 }, TODAY)).toBe(1);
    expect(fillForm({ type: 'integer', exclusiveMinimum: 1 }, TODAY)).toBe(2);
    const n = fillForm({ type: 'number', exclusiveMinimum: 1 }, TODAY) as number;
    expect(n).toBeGreaterThan(1);
    expect(fillForm({ type: 'integer', minimum: 5, maximum: 9 }, TODAY)).toBe(5);
    expect(fillForm({ type: 'number', minimum: -100, maximum: 100 }, TODAY)).toBe(1);
    expect(fillForm({ type: 'number', maximum: -3 }, TODAY)).toBe(-3);
    const between = fillForm({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 0.5 }, TODAY) as number;
    expect(between > 0 && between < 0.5).toBe(true);
    expect(fillForm(published(z.number().int().positive()), TODAY)).toBe(1);
  });

  it('follows local references and picks a non-null alternative', () => {
    const schema: JsonSchema = {
      $defs: { qty: { type: 'integer', minimum: 3 } },
      type: 'object',
      properties: { q: { $ref: '#/$defs/qty' }, note: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 1 }] } },
      required: ['q', 'note'],
    };
    expect(fillForm(schema, TODAY)).toEqual({ q: 3, note: expect.stringMatching(/.+/) });
  });

  it('says so when a pattern cannot be satisfied', () => {
    expect(() => fillForm({ type: 'string', pattern: '^[0-9]{9}$' }, TODAY)).toThrow(/pattern|matching/);
  });
});
