import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, RiskAssessment } from '../../../../workflows/order/types';
import { readableOrder } from '../../http/access';
import { seesTaskData } from '../../http/redact';
import { isoInstant, orderNoParams, responses } from '../../http/schemas';
import { readOrderRisks } from './queries';

// Risk (000 §7): the assessments made at intake, after review, on exceptions and changes,
// and the risk events the KPIs count.

const level = z.enum(['low', 'medium', 'high']);
const assessmentSchema = z.object({
  id: z.string(),
  orderNo: z.string(),
  trigger: z.string(),
  level,
  dimensions: z.record(z.string(), z.object({ level, reasons: z.array(z.string()) })),
  ownerDepartment: z.string(),
  assessedAt: isoInstant,
});

const risksSchema = z.object({
  orderNo: z.string(),
  current: assessmentSchema.nullable(),
  assessments: z.array(assessmentSchema),
  events: z.array(z.object({ id: z.string(), type: z.string(), description: z.string(), occurredAt: isoInstant })),
});

/** The cost dimension rests on finance's margin: its reasons are finance's data. */
function assessmentFor(actor: Actor, a: RiskAssessment): RiskAssessment {
  if (seesTaskData(actor, 'finance') || !a.dimensions.cost) return a;
  return { ...a, dimensions: { ...a.dimensions, cost: { level: a.dimensions.cost.level, reasons: [] } } };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orders/:orderNo/risks',
    {
      schema: {
        tags: ['risks'],
        summary: "The order's risk assessments and risk events, newest first",
        params: orderNoParams,
        response: responses({ 200: risksSchema }),
      },
    },
    async (request) => {
      const { actor } = request;
      const order = await readableOrder(app.db, actor, request.params.orderNo);
      const risks = (await readOrderRisks(app.db, order.orderNo))!;
      return {
        ...risks,
        current: risks.current && assessmentFor(actor, risks.current),
        assessments: risks.assessments.map((a) => assessmentFor(actor, a)),
      };
    },
  );
};

export default routes;
