import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forDepartments } from '../../../kpis/compute';
import { reportCsv } from '../../../kpis/csv';
import { readReport, storeMonthlyReport } from '../../../kpis/reports';
import { ApiError } from '../../../orders/errors';
import { requireAllowed } from '../../http/access';
import { kpiScope } from '../../http/kpi-scope';
import { responses } from '../../http/schemas';
import { monthString, storedReportSchema } from './views';

// The published monthly KPI reports (001 §6.1.2, 002 §6.3.1, 003 §8.2): as stored, in JSON
// or as CSV; an admin may have a month computed again, which stores the next revision.

const monthParams = z.object({ month: monthString });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/kpis/reports/:month',
    {
      schema: {
        tags: ['kpis'],
        summary: "A month's published KPI report (the latest revision unless one is asked for); ?format=csv for spreadsheets",
        params: monthParams,
        querystring: z.strictObject({
          format: z.enum(['json', 'csv']).default('json'),
          revision: z.coerce.number().int().min(1).max(100_000).optional(),
          department: z.string().min(1).max(64).optional(),
        }),
        response: responses({ 200: z.union([storedReportSchema, z.string().describe('text/csv')]) }),
      },
    },
    async (request, reply) => {
      const scope = kpiScope(request.actor, request.query.department);
      const { month } = request.params;
      const stored = await readReport(app.db, month, request.query.revision);
      if (!stored) {
        const what = request.query.revision ? `revision ${request.query.revision} of the ${month} KPI report` : `a KPI report for ${month}`;
        throw new ApiError(404, 'NOT_FOUND', `${what} is not stored`);
      }
      const report = { ...stored, kpis: forDepartments(stored.kpis, scope.departments, scope.only) };
      if (request.query.format === 'json') return report;
      const name = `kpis-${month}-r${report.revision}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(reportCsv(report));
    },
  );

  app.post(
    '/kpis/reports/:month/recompute',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Compute an ended month again and store it as the next revision; earlier revisions stay as they were',
        params: monthParams,
        response: responses({ 201: storedReportSchema }),
      },
    },
    async (request, reply) => {
      requireAllowed(request.actor, 'recomputeKpiReport', 'admins recompute a published KPI report');
      const stored = await storeMonthlyReport(app.db, app.policy.policy, request.params.month, {
        recompute: true,
        by: request.actor.sub,
      });
      const { created: _created, ...report } = stored;
      return reply.code(201).send(report);
    },
  );
};

export default routes;
