import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zonedTime } from '../../../../workflows/calendar';
import { calendarOf } from '../../../../workflows/policy';
import { computeKpis, forDepartments } from '../../../kpis/compute';
import { daysIn, kpiPeriod } from '../../../kpis/period';
import { ApiError } from '../../../orders/errors';
import { isoDateString } from '../../../orders/schema';
import { requireAllowed } from '../../http/access';
import { kpiScope } from '../../http/kpi-scope';
import { departmentQuery, isoInstant, responses, type ZodApp } from '../../http/schemas';
import { firstInspections, scoringTasks, urgentOrdersReceived } from './queries';
import { scoreOrder, summarize } from './urgent-score';
import { kpiAnswerSchema, monthString } from './views';
import reports from './reports';

// KPIs (001 §6, 002 §6, 003 §8), computed from the stored rows over a period.

const monthQuery = monthString;

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const nullableNumber = z.number().nullable();
const urgentKpiSchema = z.object({
  month: z.string(),
  timeZone: z.string(),
  summary: z.object({
    orders: z.number().int(),
    delivered: z.number().int(),
    averageProcessingHours: nullableNumber,
    firstPassRate: nullableNumber,
    totalExtraCost: z.number(),
    averageSatisfaction: nullableNumber,
  }),
  items: z.array(
    z.object({
      orderNo: z.string(),
      customer: z.object({ id: z.string(), name: z.string() }),
      urgentRules: z.array(z.string()),
      receivedAt: isoInstant,
      deliveredAt: isoInstant.nullable(),
      processingHours: nullableNumber,
      firstPassQuality: z.boolean().nullable(),
      extraCost: z.number(),
      satisfaction: nullableNumber,
    }),
  ),
});

/** The longest period one request may cover. */
const MAX_DAYS = 366;

function periodKpisRoute(app: ZodApp): void {
  app.get(
    '/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Every KPI of the policies over whole days in the policy time zone, from and to included, with numerator and denominator',
        querystring: z.strictObject({ from: isoDateString, to: isoDateString, department: departmentQuery.optional() }),
        response: responses({ 200: kpiAnswerSchema }),
      },
    },
    async (request) => {
      const { from, to, department } = request.query;
      const scope = kpiScope(request.actor, department);
      if (department !== undefined && !app.policy.policy.departments.includes(department))
        throw new ApiError(400, 'VALIDATION_FAILED', `no department ${department}`, [
          { path: 'querystring.department', message: 'not a department' },
        ]);
      if (to < from)
        throw new ApiError(400, 'VALIDATION_FAILED', 'to must not be before from', [{ path: 'querystring.to', message: 'before from' }]);
      if (daysIn(from, to) > MAX_DAYS)
        throw new ApiError(400, 'VALIDATION_FAILED', `a period covers at most ${MAX_DAYS} days`, [
          { path: 'querystring.to', message: 'too far from from' },
        ]);
      const { policy } = app.policy;
      const kpis = await computeKpis(app.db, policy, kpiPeriod(policy, from, to));
      return {
        from,
        to,
        timeZone: policy.timeZone,
        department: department ?? null,
        kpis: forDepartments(kpis, scope.departments, scope.only),
      };
    },
  );
}

function urgentKpisRoute(app: ZodApp): void {
  app.get(
    '/kpis/urgent',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Urgent orders received in a month: processing time, first-pass quality, extra cost, satisfaction',
        querystring: z.strictObject({ month: monthQuery }),
        response: responses({ 200: urgentKpiSchema }),
      },
    },
    async (request) => {
      requireAllowed(request.actor, 'readKpis', 'auditors, admins, management and department heads read KPIs');
      const { month } = request.query;
      const { policy } = app.policy;
      const calendar = calendarOf(policy);
      // The month as the business sees it: midnight to midnight in the policy time zone.
      const from = zonedTime(calendar, `${month}-01`, '00:00');
      const until = zonedTime(calendar, `${nextMonth(month)}-01`, '00:00');
      const urgent = await urgentOrdersReceived(app.db, from, until);
      const orderNos = urgent.map((o) => o.orderNo);
      const [taskRows, inspections] = await Promise.all([scoringTasks(app.db, orderNos), firstInspections(app.db, orderNos)]);
      const items = urgent.map((o) => scoreOrder(o, taskRows, inspections));
      return { month, timeZone: policy.timeZone, summary: summarize(items), items };
    },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(reports);
  periodKpisRoute(app);
  urgentKpisRoute(app);
};

export default routes;
