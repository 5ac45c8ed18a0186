import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/policy/load';
import { orderMilestone, receivablesView, recordInvoice, recordPayment } from '../../workflows/receivables/messages';
import type { ReceivablesInput, ReceivablesView } from '../../workflows/receivables/types';
import { answer, openTask, person, refusal } from '../helpers/inspection-run';
import { recordingActivities } from '../helpers/recording-activities';
import { useWorkflowTestbed } from '../helpers/temporal';
import { DAY, recordHistory } from '../helpers/workflow-run';

// 002 §2.4, 001 §4.6: an order's receivables from the signature. An instalment past due and
// not fully paid gives finance a collection task and records a credit risk event; invoices
// beyond the contract are refused; after delivery finance settles the order.

const queue = 'receivables';
const rec = recordingActivities();
const bed = useWorkflowTestbed('time-skipping', queue, rec.activities);
const fay = person('fay', ['finance']);
const sally = person('sally', ['sales']);

describe("an order's receivables (time-skipping)", () => {
  it('collects an overdue instalment, refuses over-invoicing and settles after delivery', async () => {
    const signedAt = new Date(await bed.env.currentTimeMs()).toISOString();
    const input: ReceivablesInput = {
      orderNo: 'SO-20260301-0007',
      contractNo: 'C-7',
      currency: 'CNY',
      contractTotal: 73_000,
      terms: [
        { percent: 30, due: 'signature', afterDays: 10 },
        { percent: 70, due: 'acceptance', afterDays: 30 },
      ],
      signedAt,
      policy: buildPolicy(),
    };
    const h = await bed.env.client.workflow.start('receivablesWorkflow', {
      workflowId: 'receivables-SO-20260301-0007',
      taskQueue: queue,
      args: [input],
    });
    const invoice = (amount: number, invoiceNo: string, actor = fay) =>
      h.executeUpdate(recordInvoice, { args: [{ invoiceNo, amount, issuedOn: '2026-03-02', actor }] });
    const pay = (amount: number, instalment?: number) =>
      h.executeUpdate(recordPayment, { args: [{ amount, receivedOn: '2026-03-05', reference: 'bank', instalment, actor: fay }] });

    expect(await refusal(invoice(21_900, 'INV-1', sally))).toContain('finance records invoices and payments');
    expect(await refusal(invoice(80_000, 'INV-1'))).toBe("invoices would total 80000.00, more than the contract's 73000.00");
    expect((await invoice(21_900, 'INV-1')).invoicedTotal).toBe(21_900);
    expect(await refusal(invoice(100, 'INV-1'))).toBe('invoice INV-1 is already recorded');
    expect(await refusal(pay(10, 3))).toBe('there is no instalment 3');
    const partly = await pay(10_000);
    expect(partly.instalments.map((i) => [i.seq, i.amount, i.paid, i.status])).toEqual([
      [1, 21_900, 10_000, 'DUE'],
      [2, 51_100, 0, 'PENDING'],
    ]);
    expect(partly.instalments[0].dueAt).toBe(new Date(Date.parse(signedAt) + 10 * DAY).toISOString());

    // Ten days on, 11,900 is still unpaid: collection and a credit risk event.
    await bed.env.sleep(10 * DAY + 60_000);
    const collection = await openTask(rec, 'collection');
    expect(collection).toMatchObject({ department: 'finance', workflowId: 'receivables-SO-20260301-0007', orderNo: 'SO-20260301-0007' });
    expect(rec.callsOf('recordRiskEvent')).toEqual([
      expect.objectContaining({ id: 'SO-20260301-0007.credit.i1', type: 'credit', orderNo: 'SO-20260301-0007' }),
    ]);
    expect(rec.callsOf('tellOrderOfOverdue')).toEqual([expect.objectContaining({ orderNo: 'SO-20260301-0007', instalment: 1 })]);
    expect((await h.query<ReceivablesView>(receivablesView)).instalments[0].status).toBe('OVERDUE');
    expect((await pay(11_900)).instalments[0].status).toBe('PAID');
    await answer(h, collection, fay, 'contacted', { result: 'paid after a call' });

    // Delivery gives finance the settlement; acceptance starts the second instalment's 30 days.
    await h.signal(orderMilestone, { event: 'delivery', at: new Date(await bed.env.currentTimeMs()).toISOString() });
    const settlement = await openTask(rec, 'settlement');
    const acceptedAt = new Date(await bed.env.currentTimeMs()).toISOString();
    await h.signal(orderMilestone, { event: 'acceptance', at: acceptedAt });
    const second = (await h.query<ReceivablesView>(receivablesView)).instalments[1];
    expect([second.status, second.dueAt]).toEqual(['DUE', new Date(Date.parse(acceptedAt) + 30 * DAY).toISOString()]);
    expect((await pay(51_100)).outstanding).toBe(0);
    await answer(h, settlement, fay, 'settled', { summary: 'all invoiced and paid', invoicesComplete: true });

    expect(await h.result()).toMatchObject({ settled: true, paidTotal: 73_000, outstanding: 0, invoicedTotal: 21_900 });
    expect(rec.callsOf('recordRiskEvent')).toHaveLength(1);
    await recordHistory(h, 'receivables');
  });
});
