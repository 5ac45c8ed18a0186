import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allows } from '../../../../workflows/access';
import { openTicket } from '../../../after-sales/tickets';
import { ticketCategories } from '../../../forms/after-sales-forms';
import { text } from '../../../lib/text';
import { ApiError } from '../../../orders/errors';
import { workflowStarter } from '../../engine';
import { requireAllowed } from '../../http/access';
import { cursorQuery, idempotencyHeader, limitQuery, orderNoQuery, pageOf, responses, type ZodApp } from '../../http/schemas';
import { subjectTimeline } from '../../http/subject-timeline';
import { findTicket, listTickets, ticketHistory } from './queries';
import { ticketDetailSchema, ticketSchema, ticketStatuses, ticketView } from './views';

// After-sales service tickets (003 §5): filed about a delivered order, each runs as a
// workflow (dispatch and first response, resolution, evaluation, survey).

const idParams = z.object({ id: z.string().min(1).max(100) });
const readers = 'after-sales, customer service, sales, management, auditors and admins read tickets';

const ticketBody = z.strictObject({
  orderNo: orderNoQuery,
  contact: z.strictObject({ name: text(200), phone: z.string().max(50).optional(), email: z.email().max(200).optional() }),
  problem: text(4000),
  category: z.enum(ticketCategories),
});

function fileRoute(app: ZodApp): void {
  app.post(
    '/tickets',
    {
      schema: {
        tags: ['after-sales'],
        summary: 'A service request about a delivered order: starts the ticket; a quality problem also files a complaint on the order',
        headers: idempotencyHeader,
        body: ticketBody,
        response: responses({ 201: ticketSchema }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      requireAllowed(actor, 'fileTicket', 'customer service, after-sales and sales file tickets');
      const deps = workflowStarter(app);
      const row = await openTicket(deps, {
        ...request.body,
        by: { sub: actor.sub, name: actor.name },
        key: request.headers['idempotency-key'],
      });
      return reply.code(201).send(ticketView(row, allows(actor, 'readCustomerContact')));
    },
  );
}

function listRoute(app: ZodApp): void {
  app.get(
    '/tickets',
    {
      schema: {
        tags: ['after-sales'],
        summary: 'Service tickets, newest first',
        querystring: z.strictObject({
          status: z.enum(ticketStatuses).optional(),
          orderNo: orderNoQuery.optional(),
          cursor: cursorQuery,
          limit: limitQuery,
        }),
        response: responses({ 200: pageOf(ticketSchema) }),
      },
    },
    async (request) => {
      requireAllowed(request.actor, 'readTickets', readers);
      const { cursor, limit, ...filter } = request.query;
      const { rows, nextCursor } = await listTickets(app.db, filter, cursor, limit);
      const contact = allows(request.actor, 'readCustomerContact');
      return { items: rows.map((r) => ticketView(r, contact)), nextCursor };
    },
  );
}

function detailRoute(app: ZodApp): void {
  app.get(
    '/tickets/:id',
    {
      schema: {
        tags: ['after-sales'],
        summary: 'One ticket with its timeline: events and every task, overdue and escalation',
        params: idParams,
        response: responses({ 200: ticketDetailSchema }),
      },
    },
    async (request) => {
      requireAllowed(request.actor, 'readTickets', readers);
      const row = await findTicket(app.db, request.params.id);
      if (!row) throw new ApiError(404, 'NOT_FOUND', `ticket ${request.params.id} does not exist`);
      const view = ticketView(row, allows(request.actor, 'readCustomerContact'));
      return { ...view, timeline: subjectTimeline(await ticketHistory(app.db, row.id)) };
    },
  );
}

const routes: FastifyPluginAsyncZod = async (app) => {
  fileRoute(app);
  listRoute(app);
  detailRoute(app);
};

export default routes;
