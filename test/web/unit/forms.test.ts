import { describe, expect, it } from 'vitest';
import { formJsonSchema } from '../../../src/forms/task-forms';
import { routeKey, featuresOf, offers, requestBodySchema } from '../../../web/src/lib/features';
import { fromOpenApi30, initialData, pruneEmpty, uiSchemaFor, withTitles, type JsonSchema } from '../../../web/src/lib/forms';
import { claimsOf } from '../../../web/src/lib/session';
import { signToken } from '../../../src/auth/tokens';

// The page renders whatever form a task publishes; these are the few things it adds.

const plan = formJsonSchema('production_plan', 'planned') as JsonSchema;
const revise = formJsonSchema('renegotiation', 'revise') as JsonSchema;

describe('task forms', () => {
  it('label every field, nested ones included, and drop $schema', () => {
    const titled = withTitles(plan, (name) => `«${name}»`);
    expect(titled.$schema).toBeUndefined();
    expect(titled.properties!.batches.title).toBe('«batches»');
    expect(titled.properties!.batches.items!.properties!.plannedStart.title).toBe('«plannedStart»');
    expect(titled.required).toEqual(plan.required);
  });

  it('give long text a text area and named choices their labels', () => {
    const ui = uiSchemaFor(plan);
    expect(ui.notes).toEqual({ 'ui:widget': 'textarea' });
    expect(ui.batches).toBeUndefined();
    const order = uiSchemaFor({ type: 'object', properties: { kind: { type: 'string', enum: ['routine', 'complex'] } } }, (v) =>
      v.toUpperCase(),
    );
    expect(order.kind).toEqual({ 'ui:enumNames': ['ROUTINE', 'COMPLEX'] });
  });

  it('prefill a revision with the order as it stands, without fields a revision may not change', () => {
    const order = {
      customer: { id: 'C1', name: 'N' },
      kind: 'routine',
      requestedDeliveryDate: '2027-01-01',
      currency: 'CNY',
      qualityRequirements: null,
    };
    expect(initialData('renegotiation', revise, order)).toEqual({
      revision: { customer: { id: 'C1', name: 'N' }, requestedDeliveryDate: '2027-01-01', currency: 'CNY' },
    });
    expect(initialData('review', plan, order)).toEqual({});
    expect(initialData('renegotiation', revise, undefined)).toEqual({});
  });

  it('drop what a form leaves empty, but keep required fields for the API to judge', () => {
    expect(pruneEmpty({ reasons: [], suggestions: [], notes: '', urgent: {}, marginPct: 0 }, ['reasons'])).toEqual({
      reasons: [],
      marginPct: 0,
    });
    expect(pruneEmpty({ revision: { customer: { id: 'C', tier: '' }, items: [{ sku: 'A' }] } })).toEqual({
      revision: { customer: { id: 'C' }, items: [{ sku: 'A' }] },
    });
  });

  it('read the OpenAPI 3.0 body of POST /orders as JSON Schema', () => {
    const converted = fromOpenApi30({
      type: 'object',
      properties: {
        quantity: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10 },
        price: { type: 'number', minimum: 0, exclusiveMinimum: false },
        note: { type: 'string', nullable: true },
        items: { type: 'array', items: { type: 'object', properties: { q: { type: 'number', maximum: 5, exclusiveMaximum: true } } } },
      },
    });
    expect(converted.properties!.quantity).toEqual({ type: 'number', exclusiveMinimum: 0, maximum: 10 });
    expect(converted.properties!.price).toEqual({ type: 'number', minimum: 0 });
    expect(converted.properties!.note).toEqual({ type: ['string', 'null'] });
    expect(converted.properties!.items.items!.properties!.q).toEqual({ type: 'number', exclusiveMaximum: 5 });
  });
});

describe('what the API offers', () => {
  const doc = {
    paths: {
      '/tasks/{id}/claim': { post: {} },
      '/orders/{orderNo}/replay': { post: {} },
      '/orders': {
        post: { requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['customer'] } } } } },
        get: {},
      },
    },
  };

  it('is read from the OpenAPI document, whatever the parameter names', () => {
    const features = featuresOf(doc);
    expect(routeKey('POST', '/tasks/:id/unclaim')).toBe('post /tasks/{}/unclaim');
    expect(offers(features, 'post', '/tasks/:taskId/claim')).toBe(true);
    expect(offers(features, 'post', '/orders/{orderNo}/replay')).toBe(true);
    expect(offers(features, 'post', '/tasks/{id}/unclaim')).toBe(false);
    expect(offers(features, 'get', '/kpis')).toBe(false);
    expect(offers(featuresOf(null), 'get', '/orders')).toBe(false);
    expect(requestBodySchema(doc, 'POST', '/orders')).toEqual({ type: 'object', required: ['customer'] });
    expect(requestBodySchema(doc, 'post', '/tasks/{id}/claim')).toBeUndefined();
  });
});

describe('sign-in', () => {
  it('reads the claims of a token the API signs, Chinese names included', () => {
    const token = signToken('s'.repeat(40), { sub: 'li.wei', name: '李伟', departments: ['quality'], roles: ['staff'] });
    expect(claimsOf(token)).toMatchObject({ sub: 'li.wei', name: '李伟', departments: ['quality'], roles: ['staff'] });
    expect(claimsOf(token)!.exp).toBeGreaterThan(Date.now() / 1000);
    expect(claimsOf('not-a-token')).toBeUndefined();
    expect(claimsOf('a.b.c')).toBeUndefined();
  });
});
