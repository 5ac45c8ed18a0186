import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeRequests, orders, orderVersions, tasks } from '../../db/schema';
import { zonedTime } from '../../../workflows/calendar';
import { calendarOf } from '../../../workflows/policy';
import { ApiError } from '../../orders/errors';
import { diffOrders } from '../../orders/version-diff';
import { isReader } from '../plugins/auth';
import { requireOrder } from '../engine';
import type { AppDeps } from '../app';

// Read models for order changes (000 §6): the change requests, the versions they produced,
// and the urgent-order KPIs (002) that the delivery and acceptance tasks feed.

const orderNoParams = z.object({ orderNo: z.string().min(1).max(64) });
const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

const MS_PER_HOUR = 3_600_000;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const average = (xs: number[]): number | null => (xs.length === 0 ? null : round2(xs.reduce((s, x) => s + x, 0) / xs.length));

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

const routes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db } = deps.database;

  app.get(
    '/orders/:orderNo/changes',
    {
      schema: { tags: ['orders'], summary: "The order's change requests with opinions and agreement, in order", params: orderNoParams },
    },
    async (request) => {
      const { orderNo } = request.params;
      await requireOrder(db, orderNo);
      const rows = await db
        .select()
        .from(changeRequests)
        .where(eq(changeRequests.orderNo, orderNo))
        .orderBy(asc(changeRequests.seq), asc(changeRequests.id));
      return {
        items: rows.map((r) => ({
          id: r.id,
          seq: r.seq,
          status: r.status,
          changes: r.changes,
          reason: r.reason,
          impact: r.impact,
          departments: r.departments,
          opinions: r.opinions,
          agreement: r.agreement,
          requestedBy: r.requestedBy,
          requestedAt: r.requestedAt.toISOString(),
          decidedAt: r.decidedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.get(
    '/orders/:orderNo/versions',
    {
      schema: { tags: ['orders'], summary: "The order's versions, each with what changed from the one before", params: orderNoParams },
    },
    async (request) => {
      const { orderNo } = request.params;
      await requireOrder(db, orderNo);
      const rows = await db.select().from(orderVersions).where(eq(orderVersions.orderNo, orderNo)).orderBy(asc(orderVersions.version));
      return {
        items: rows.map((r, i) => ({
          version: r.version,
          reason: r.reason,
          createdBy: r.createdBy,
          createdAt: r.createdAt.toISOString(),
          data: r.data,
          diff: i === 0 ? [] : diffOrders(rows[i - 1].data, r.data),
        })),
      };
    },
  );

  app.get(
    '/kpis/urgent',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Urgent orders received in a month: processing time, first-pass quality, extra cost, satisfaction',
        querystring: z.object({ month: monthParam }),
      },
    },
    async (request) => {
      const { actor } = request;
      if (!isReader(actor) && !actor.roles.includes('head')) {
        throw new ApiError(403, 'FORBIDDEN', 'only auditors, admins and department heads read KPIs');
      }
      const { month } = request.query;
      const { policy } = deps.policy;
      const calendar = calendarOf(policy);
      // The month as the business sees it: midnight to midnight in the policy time zone.
      const from = zonedTime(calendar, `${month}-01`, '00:00');
      const until = zonedTime(calendar, `${nextMonth(month)}-01`, '00:00');

      const urgent = await db
        .select()
        .from(orders)
        .where(and(eq(orders.urgent, true), gte(orders.createdAt, from), lt(orders.createdAt, until)))
        .orderBy(asc(orders.createdAt), asc(orders.orderNo));
      const taskRows =
        urgent.length === 0
          ? []
          : await db
              .select()
              .from(tasks)
              .where(
                and(
                  inArray(
                    tasks.orderNo,
                    urgent.map((o) => o.orderNo),
                  ),
                  inArray(tasks.kind, ['urgent_negotiation', 'customer_acceptance']),
                ),
              );
      const qualityRows =
        urgent.length === 0
          ? []
          : await db
              .select({ id: tasks.id, status: tasks.status, outcome: tasks.outcome })
              .from(tasks)
              .where(
                inArray(
                  tasks.id,
                  urgent.map((o) => `${o.orderNo}.final-inspection.r1.quality`),
                ),
              );
      const firstInspection = new Map(qualityRows.map((t) => [t.id, t]));

      const items = urgent.map((o) => {
        const own = taskRows.filter((t) => t.orderNo === o.orderNo && t.status === 'COMPLETED');
        const inspection = firstInspection.get(`${o.orderNo}.final-inspection.r1.quality`);
        const firstPassQuality = inspection?.outcome === 'pass' ? true : inspection?.outcome === 'fail' ? false : null;
        const extraCost = own
          .filter((t) => t.kind === 'urgent_negotiation' && t.outcome === 'add_resources')
          .reduce((sum, t) => {
            const cost = t.data?.extraCost;
            return typeof cost === 'number' && Number.isFinite(cost) ? sum + cost : sum;
          }, 0);
        const acceptance = own
          .filter((t) => t.kind === 'customer_acceptance' && t.outcome === 'accepted')
          .sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1))
          .at(-1);
        const rated = acceptance?.data?.satisfaction;
        return {
          orderNo: o.orderNo,
          customer: { id: o.customerId, name: o.customerName },
          urgentRules: o.urgentRules,
          receivedAt: o.createdAt.toISOString(),
          deliveredAt: o.deliveredAt?.toISOString() ?? null,
          processingHours: o.deliveredAt ? round2((o.deliveredAt.getTime() - o.createdAt.getTime()) / MS_PER_HOUR) : null,
          firstPassQuality,
          extraCost: round2(extraCost),
          satisfaction: typeof rated === 'number' && Number.isFinite(rated) ? rated : null,
        };
      });

      const processing = items.flatMap((i) => (i.processingHours === null ? [] : [i.processingHours]));
      const inspected = items.flatMap((i) => (i.firstPassQuality === null ? [] : [i.firstPassQuality]));
      const satisfaction = items.flatMap((i) => (i.satisfaction === null ? [] : [i.satisfaction]));
      const summary = {
        orders: items.length,
        delivered: processing.length,
        averageProcessingHours: average(processing),
        firstPassRate: inspected.length === 0 ? null : round2(inspected.filter(Boolean).length / inspected.length),
        totalExtraCost: round2(items.reduce((s, i) => s + i.extraCost, 0)),
        averageSatisfaction: average(satisfaction),
      };
      return { month, timeZone: policy.timeZone, summary, items };
    },
  );
};

export default routes;
