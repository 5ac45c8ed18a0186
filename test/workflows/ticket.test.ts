import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/policy/load';
import { ticketView } from '../../workflows/after-sales/messages';
import type { TicketView, TicketWorkflowInput } from '../../workflows/after-sales/types';
import { answer, openTask, person, refusal } from '../helpers/inspection-run';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { recordHistory } from '../helpers/workflow-run';

// 003 §5: a ticket's first response is due 24 clock hours after receipt and, missed, goes to
// the after-sales head and then management; an on-site visit the stock cannot cover is
// done again, one that takes a part under its reorder level gives procurement a
// replenishment task; "not resolved" sends the ticket back to resolution; the survey closes it.

const HOUR = 3600_000;
const queue = 'after-sales-ticket';
const stock = { 'SEAL-50': { onHand: 3, reorderLevel: 2 }, 'VALVE-KIT': { onHand: 1, reorderLevel: 0 } };
const rec = recordingActivities({ stock });
const bed = useWorkflowTestbed('time-skipping', queue, rec.activities);
const engineer = person('eli', ['after_sales']);
const service = person('cass', ['customer_service']);
const buyer = person('pat', ['procurement']);

describe('an after-sales ticket (time-skipping)', () => {
  it('escalates a late first response, redoes a visit short of parts, replenishes, reopens and closes', async () => {
    const receivedAt = new Date(await bed.env.currentTimeMs());
    const input: TicketWorkflowInput = {
      ticket: {
        id: 'TKT-1',
        orderNo: 'SO-20260301-0007',
        category: 'quality',
        problem: 'valve leaks at the seal',
        receivedAt: receivedAt.toISOString(),
        receivedBy: { sub: 'cass', name: 'Cass' },
      },
      policy: buildPolicy(),
    };
    const h = await bed.env.client.workflow.start('ticketWorkflow', { workflowId: 'ticket-TKT-1', taskQueue: queue, args: [input] });

    // The first response: due 24 clock hours after receipt, to the minute, weekend or not.
    const dispatch = await openTask(rec, 'ticket_dispatch');
    expect(dispatch).toMatchObject({ department: 'after_sales', subject: 'TKT-1', workflowId: 'ticket-TKT-1' });
    expect(Date.parse(dispatch.dueAt) - receivedAt.getTime()).toBe(24 * HOUR);
    await bed.env.sleep(Date.parse(dispatch.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    const toHead = await openTask(rec, 'escalation', 1, 'after_sales');
    expect(toHead).toMatchObject({
      requiredRole: 'head',
      context: expect.objectContaining({ escalatedTaskId: dispatch.id, level: 'head' }),
    });
    expect(rec.callsOf('markOverdue').map((c) => c.task.id)).toContain(dispatch.id);
    await bed.env.sleep(Date.parse(toHead.dueAt) - (await bed.env.currentTimeMs()) + 60_000);
    const toManagement = await openTask(rec, 'escalation', 1, 'management');
    expect(toManagement.context).toMatchObject({ escalatedTaskId: dispatch.id, level: 'management' });
    await answer(h, dispatch, engineer, 'dispatched', { team: 'east', category: 'quality', firstResponse: 'An engineer calls you today' });
    expect(rec.tasks.get(toHead.id)?.status).toBe('CANCELLED');

    // A visit that needs more valve kits than the one in stock is refused and done again.
    const visit = await openTask(rec, 'ticket_resolution');
    await answer(h, visit, engineer, 'on_site', {
      engineer: 'Eli',
      visitDate: '2026-03-20',
      spareParts: [{ sku: 'VALVE-KIT', quantity: 2 }],
      actions: 'replace the valve',
    });
    const again = await openTask(rec, 'ticket_resolution');
    expect(again.id).not.toBe(visit.id);
    expect(again.context?.refusedVisit).toBe('not enough in stock: VALVE-KIT');
    expect(stock['VALVE-KIT'].onHand).toBe(1);
    await answer(h, again, engineer, 'on_site', {
      engineer: 'Eli',
      visitDate: '2026-03-21',
      spareParts: [{ sku: 'SEAL-50', quantity: 2 }],
      actions: 'replace both seals',
    });
    expect(stock['SEAL-50'].onHand).toBe(1);
    // Under its reorder level of 2: procurement replenishes it.
    const replenish = await openTask(rec, 'spare_part_replenishment');
    expect(replenish).toMatchObject({ department: 'procurement', workflowId: 'replenish-SEAL-50' });
    expect(replenish.context).toMatchObject({ sku: 'SEAL-50', onHand: 1, reorderLevel: 2, ticketId: 'TKT-1' });
    await answer(bed.env.client.workflow.getHandle('replenish-SEAL-50'), replenish, buyer, 'ordered', {
      quantity: 20,
      purchaseOrderNo: 'PO-88',
    });

    // The customer says it still leaks: back to resolution, then resolved remotely.
    const evaluation = await openTask(rec, 'ticket_evaluation');
    expect(evaluation.department).toBe('customer_service');
    expect(await refusal(answer(h, evaluation, service, 'not_resolved', {}))).toContain('reason');
    await answer(h, evaluation, service, 'not_resolved', { reason: 'still leaks after a day' });
    expect(await h.query<TicketView>(ticketView)).toMatchObject({ status: 'RESOLVING', reopened: 1, onSiteVisits: 1 });
    await answer(h, await openTask(rec, 'ticket_resolution', 2), engineer, 'remote', { actions: 'tightened by phone' });
    await answer(h, await openTask(rec, 'ticket_evaluation', 2), service, 'resolved', {});
    await answer(h, await openTask(rec, 'ticket_survey'), service, 'surveyed', { score: 4, comment: 'slow start, good end' });

    expect(await h.result()).toMatchObject({
      id: 'TKT-1',
      status: 'CLOSED',
      category: 'quality',
      team: 'east',
      resolution: 'remote',
      onSiteVisits: 1,
      reopened: 1,
      satisfactionScore: 4,
    });
    expect(rec.callsOf('recordTicket').map((s) => s.status)).toEqual([
      'RESOLVING',
      'EVALUATING',
      'RESOLVING',
      'EVALUATING',
      'SURVEYING',
      'CLOSED',
    ]);
    expect(rec.callsOf('takeVisitParts').map((v) => v.items)).toEqual([
      [{ sku: 'VALVE-KIT', quantity: 2 }],
      [{ sku: 'SEAL-50', quantity: 2 }],
    ]);
    await recordHistory(h, 'ticket-lifecycle');
  });
});
