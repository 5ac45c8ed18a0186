import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { zonedTime } from '../calendar';
import { calendarOf } from '../policy';
import { registerTaskActions } from '../tasks/actions';
import { cancelOpenTasks, ref, runTask } from '../tasks/engine';
import { reject, requireAccess, storable } from '../tasks/guards';
import { Rejection } from '../tasks/messages';
import { acts, subjectHost } from '../tasks/subject-host';
import { now, workingDaysAfter } from '../tasks/time';
import { instalmentFor, instalmentsOf, isPaid, totals } from './ledger';
import { orderMilestone, receivablesView, recordInvoice, recordPayment } from './messages';
import type { Instalment, InvoiceRequest, PaymentRequest, ReceivablesInput, ReceivablesView } from './types';

// An order's receivables from the contract's signature (002 §2.4, §3.3.1; 001 §4.6): each
// instalment falls due by its terms; one past due and not fully paid gives finance a
// collection task and records a credit risk event; after delivery finance settles the
// order. Invoices and payments are Updates that refuse what cannot be right.

type Host = ReturnType<typeof subjectHost>;
const DAY = 24 * 3600 * 1000;

export async function receivablesWorkflow(input: ReceivablesInput): Promise<ReceivablesView> {
  const v: ReceivablesView = {
    orderNo: input.orderNo,
    currency: input.currency,
    contractTotal: input.contractTotal,
    instalments: instalmentsOf(input.terms, input.contractTotal),
    invoices: [],
    payments: [],
    invoicedTotal: 0,
    paidTotal: 0,
    outstanding: input.contractTotal,
    delivered: false,
    accepted: false,
    settled: false,
    cancelled: false,
  };
  const { workflowId } = workflowInfo();
  const host = subjectHost({
    key: workflowId,
    workflowId,
    orderNo: input.orderNo,
    policy: input.policy.policy,
    board: { tasks: {}, replacedBy: {} },
    isOver: () => v.cancelled || (v.settled && v.instalments.every(isPaid)),
  });
  registerTaskActions(host);
  registerLedger(v, input);
  setDueDates(v, input, 'signature', input.signedAt);
  await acts.recordReceivables(v);

  await Promise.all([...v.instalments.map((i) => followInstalment(host, v, input, i)), settle(host, v, input)]);
  if (v.cancelled) {
    await cancelOpenTasks(host, 'the order was cancelled');
    await acts.recordReceivables(v);
  }
  await condition(allHandlersFinished);
  return v;
}

function registerLedger(v: ReceivablesView, input: ReceivablesInput): void {
  const finance = `${input.policy.policy.finance.department} records invoices and payments`;
  setHandler(receivablesView, () => v);
  setHandler(orderMilestone, ({ event, at }) => {
    if (event === 'cancelled') v.cancelled = true;
    else if (event === 'delivery') v.delivered = true;
    else v.accepted = true;
    setDueDates(v, input, event, at);
  });
  setHandler(
    recordInvoice,
    async (req: InvoiceRequest) => {
      v.invoices.push({ invoiceNo: req.invoiceNo, amount: req.amount, issuedOn: req.issuedOn, by: req.actor.name });
      Object.assign(v, totals(v));
      await acts.recordReceivables(v);
      return v;
    },
    {
      validator: storable((req: InvoiceRequest) => {
        requireAccess(req.actor, 'recordFinance', finance);
        if (v.invoices.some((i) => i.invoiceNo === req.invoiceNo))
          reject(Rejection.Conflict, `invoice ${req.invoiceNo} is already recorded`);
        const after = totals(v).invoicedTotal + req.amount;
        if (after > v.contractTotal + 0.005)
          reject(Rejection.Conflict, `invoices would total ${after.toFixed(2)}, more than the contract's ${v.contractTotal.toFixed(2)}`);
      }),
    },
  );
  setHandler(
    recordPayment,
    async (req: PaymentRequest) => {
      const target = instalmentFor(v.instalments, req.instalment)!;
      target.paid = Math.round((target.paid + req.amount) * 100) / 100;
      if (isPaid(target)) target.status = 'PAID';
      v.payments.push({
        id: `p${v.payments.length + 1}`,
        amount: req.amount,
        receivedOn: req.receivedOn,
        reference: req.reference,
        instalment: target.seq,
        by: req.actor.name,
      });
      Object.assign(v, totals(v));
      await acts.recordReceivables(v);
      return v;
    },
    {
      validator: storable((req: PaymentRequest) => {
        requireAccess(req.actor, 'recordFinance', finance);
        if (req.instalment !== undefined && !v.instalments.some((i) => i.seq === req.instalment))
          reject(Rejection.InvalidRequest, `there is no instalment ${req.instalment}`, [
            { path: 'instalment', message: 'no such instalment' },
          ]);
        if (totals(v).paidTotal + req.amount > v.contractTotal + 0.005)
          reject(Rejection.Conflict, `payments would exceed the contract total of ${v.contractTotal.toFixed(2)}`);
      }),
    },
  );
}

/** The instalments whose clock `event` starts get their due time: the end of the working day so many days later. */
function setDueDates(v: ReceivablesView, input: ReceivablesInput, event: string, at: string): void {
  const p = input.policy.policy;
  for (const i of v.instalments) {
    if (i.dueAt) continue;
    if (i.due === 'date' && i.date) i.dueAt = zonedTime(calendarOf(p), i.date, p.workingHours.end).toISOString();
    else if (i.due === event) i.dueAt = new Date(Date.parse(at) + i.afterDays * DAY).toISOString();
    if (i.dueAt && i.status === 'PENDING') i.status = 'DUE';
  }
}

async function followInstalment(host: Host, v: ReceivablesView, input: ReceivablesInput, i: Instalment): Promise<void> {
  const done = () => isPaid(i) || v.cancelled;
  await condition(() => i.dueAt !== undefined || done());
  if (done()) return;
  const dueAt = Date.parse(i.dueAt!);
  const late = !(await condition(done, Math.max(0, dueAt - now().getTime())));
  if (!late) return;
  i.status = 'OVERDUE';
  await acts.recordReceivables(v);
  await acts.recordRiskEvent({
    id: `${input.orderNo}.credit.i${i.seq}`,
    orderNo: input.orderNo,
    type: 'credit',
    description: `Instalment ${i.seq} (${i.percent} %, ${i.amount.toFixed(2)} ${v.currency}) was due ${i.dueAt}; ${(i.amount - i.paid).toFixed(2)} unpaid`,
    occurredAt: now().toISOString(),
  });
  await acts.tellOrderOfOverdue({ orderNo: input.orderNo, instalment: i.seq, at: now().toISOString() });
  const p = input.policy.policy;
  await runTask(
    host,
    {
      ...ref('collection', i.seq, p.finance.department),
      title: `Collect instalment ${i.seq} of order ${input.orderNo}: ${(i.amount - i.paid).toFixed(2)} ${v.currency} overdue`,
      context: { orderNo: input.orderNo, instalment: i },
    },
    () => workingDaysAfter(p, now(), p.finance.collectionWorkingDays),
  );
  await condition(done);
}

/** 001 §3.5.3, §4.6: once delivered, finance settles the order's accounts. */
async function settle(host: Host, v: ReceivablesView, input: ReceivablesInput): Promise<void> {
  await condition(() => v.delivered || v.cancelled);
  if (v.cancelled) return;
  const p = input.policy.policy;
  await runTask(
    host,
    {
      ...ref('settlement', 1, p.finance.department),
      title: `Settle the accounts of order ${input.orderNo}`,
      context: { orderNo: input.orderNo, contractTotal: v.contractTotal, invoicedTotal: v.invoicedTotal, paidTotal: v.paidTotal },
    },
    () => workingDaysAfter(p, now(), p.finance.settlementWorkingDays),
  );
  v.settled = true;
  await acts.recordReceivables(v);
}
