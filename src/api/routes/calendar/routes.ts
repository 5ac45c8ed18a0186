import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addClockHours, addWorkingDays, addWorkingHours } from '../../../../workflows/calendar';
import { calendarOf } from '../../../../workflows/policy';
import { ApiError } from '../../../orders/errors';
import { isoInstant, responses } from '../../http/schemas';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The deadline N working days (or hours) after an instant, under the current policy',
        querystring: z.strictObject({
          start: z.iso
            .datetime({ offset: true })
            .refine((s) => s >= '1970' && s < '3000', 'expected an instant between the years 1970 and 2999'),
          workingDays: z.coerce.number().int().min(0).max(365).optional(),
          hours: z.coerce
            .number()
            .positive()
            .max(24 * 365)
            .optional(),
        }),
        response: responses({
          200: z.object({
            start: isoInstant,
            workingDays: z.number().int().optional(),
            hours: z.number().optional(),
            counting: z.enum(['clock', 'working']).optional(),
            timeZone: z.string(),
            dueAt: isoInstant,
            policyVersion: z.string(),
          }),
        }),
      },
    },
    async (request) => {
      const { start, workingDays, hours } = request.query;
      if ((workingDays === undefined) === (hours === undefined)) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'give exactly one of workingDays or hours');
      }
      const { policy } = app.policy;
      const cal = calendarOf(policy);
      const from = new Date(start);
      const dueAt =
        workingDays !== undefined
          ? addWorkingDays(cal, from, workingDays)
          : policy.deadlines.hourDeadlines === 'working'
            ? addWorkingHours(cal, from, hours!)
            : addClockHours(from, hours!);
      return {
        start: from.toISOString(),
        ...(workingDays !== undefined ? { workingDays } : { hours, counting: policy.deadlines.hourDeadlines }),
        timeZone: policy.timeZone,
        dueAt: dueAt.toISOString(),
        policyVersion: app.policy.version,
      };
    },
  );
};

export default routes;
