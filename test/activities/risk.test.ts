import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createRiskActivities } from '../../activities/risk';
import type { AppDeps } from '../../src/api/app';
import { registerErrorHandler } from '../../src/api/errors';
import riskRoutes, { readOrderRisks } from '../../src/api/routes/risks';
import type { Database } from '../../src/db/client';
import { orders, riskAssessments, riskEvents } from '../../src/db/schema';
import { buildPolicy } from '../../src/policy/load';
import { assessRisk } from '../../workflows/order/risk-rules';
import type { RiskFacts } from '../../workflows/order/types';
import { createTestDatabase } from '../helpers/db';
import { sampleOrder } from '../helpers/fixtures';

// Activities run at least once: a retry must leave the rows of one run.

let database: Database;
let acts: ReturnType<typeof createRiskActivities>;
let app: FastifyInstance;
const orderNo = 'SO-20261122-0043';
const { policy } = buildPolicy();

const facts: RiskFacts = {
  newCustomer: true,
  overduePayments: false,
  changeCount: 0,
  leadTimeWorkingDays: 30,
  newProduct: false,
  openExceptions: 0,
};
const intake = assessRisk(policy, facts, { id: `${orderNo}.risk.intake`, orderNo, trigger: 'intake', at: '2026-11-22T04:00:00.000Z' });
const change = assessRisk(
  policy,
  { ...facts, changeCount: 3 },
  { id: `${orderNo}.risk.change.1`, orderNo, trigger: 'change', at: '2026-11-25T04:00:00.000Z' },
);

beforeAll(async () => {
  database = await createTestDatabase();
  acts = createRiskActivities(database.db);
  const order = sampleOrder();
  await database.db.insert(orders).values({
    orderNo,
    workflowId: `order-${orderNo}`,
    status: 'RECEIVED',
    kind: 'routine',
    customerId: order.customer.id,
    customerName: order.customer.name,
    data: order as never,
    policyVersion: 'test',
    startInput: {},
    createdBy: 'sally',
  });
  // The route alone; authentication is the app's global hook and is tested with the app.
  app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(riskRoutes, { database } as AppDeps);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('risk activities', () => {
  it('records an assessment once however often the activity is retried', async () => {
    await acts.recordRiskAssessment(intake);
    await acts.recordRiskAssessment({ ...intake, level: 'high' });
    const rows = await database.db.select().from(riskAssessments).where(eq(riskAssessments.orderNo, orderNo));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: intake.id, trigger: 'intake', level: 'medium' });
    expect(rows[0].assessedAt.toISOString()).toBe('2026-11-22T04:00:00.000Z');
  });

  it('records a risk event once however often the activity is retried', async () => {
    const delay = {
      id: `${orderNo}.risk-event.1`,
      orderNo,
      type: 'delay' as const,
      description: 'press line down',
      occurredAt: '2026-11-23T02:00:00.000Z',
    };
    await acts.recordRiskEvent(delay);
    await acts.recordRiskEvent({ ...delay, description: 'a retry must not overwrite' });
    const rows = await database.db.select().from(riskEvents).where(eq(riskEvents.orderNo, orderNo));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'delay', description: 'press line down' });
  });

  it('reads assessments and events back newest first, the latest assessment as current', async () => {
    await acts.recordRiskAssessment(change);
    await acts.recordRiskEvent({
      id: `${orderNo}.risk-event.2`,
      orderNo,
      type: 'claim',
      description: 'scratched housings',
      occurredAt: '2026-11-26T02:00:00.000Z',
    });
    const risks = await readOrderRisks(database.db, orderNo);
    expect(risks?.assessments.map((a) => a.id)).toEqual([change.id, intake.id]);
    expect(risks?.current).toEqual(change);
    expect(risks?.assessments[1]).toEqual(intake);
    expect(risks?.events.map((e) => e.type)).toEqual(['claim', 'delay']);
    expect(risks?.events[1]).toEqual({
      id: `${orderNo}.risk-event.1`,
      type: 'delay',
      description: 'press line down',
      occurredAt: '2026-11-23T02:00:00.000Z',
    });
  });

  it('serves the risks of an order, and 404 for an unknown order', async () => {
    const ok = await app.inject({ method: 'GET', url: `/orders/${orderNo}/risks` });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body).toMatchObject({ orderNo, current: { id: change.id, level: 'high', ownerDepartment: 'sales' } });
    expect(body.assessments).toHaveLength(2);
    expect(body.events).toHaveLength(2);

    const missing = await app.inject({ method: 'GET', url: '/orders/SO-19990101-0001/risks' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('an order without assessments has no current one', async () => {
    const other = 'SO-20261122-0044';
    const order = sampleOrder();
    await database.db.insert(orders).values({
      orderNo: other,
      workflowId: `order-${other}`,
      status: 'RECEIVED',
      kind: 'routine',
      customerId: order.customer.id,
      customerName: order.customer.name,
      data: order as never,
      policyVersion: 'test',
      startInput: {},
      createdBy: 'sally',
    });
    expect(await readOrderRisks(database.db, other)).toEqual({ orderNo: other, current: null, assessments: [], events: [] });
  });
});
