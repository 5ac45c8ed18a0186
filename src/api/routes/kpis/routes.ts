import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zonedTime } from '../../../../workflows/calendar';
import { calendarOf } from '../../../../workflows/policy';
import { requireAllowed } from '../../http/access';
import { isoInstant, responses } from '../../http/schemas';
import { firstInspections, scoringTasks, urgentOrdersReceived } from './queries';
import { scoreOrder, summarize } from './urgent-score';

// KPIs (001 §6, 002 §6, 003 §8), computed from the stored rows over a period.

/** A month the calendar can place: 1970-01 to 2999-12. */
const monthQuery = z.string().regex(/^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])$/, 'expected YYYY-MM between 1970-01 and 2999-12');

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

const routes: FastifyPluginAsyncZod = async (app) => {
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
      requireAllowed(request.actor, 'readKpis', 'auditors, admins and department heads read KPIs');
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
};

export default routes;
