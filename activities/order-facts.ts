import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import type { ReceivablesView } from '../workflows/receivables/types';
import { changeRequests, complaints, orderReceivables, orders, productionPlans, riskAssessments, signOffs, tasks } from '../src/db/schema';
import type { OrderInput } from '../src/orders/schema';
import type { OrderFacts, Shipment } from '../workflows/inspection/checks/facts';
import type { ProductionPlan, RiskLevel } from '../workflows/order/types';

// Gathers what the automatic checks look at (002 §4) from the stored rows of each order:
// the order, its review sign-offs, contract, plan, milestones, shipments, changes, risk,
// acceptance and complaints. The checks themselves are pure functions in the workflow.

type TaskRow = typeof tasks.$inferSelect;

const completed = (rows: TaskRow[], kind: string, outcome?: string) =>
  rows.filter((t) => t.kind === kind && t.status === 'COMPLETED' && (!outcome || t.outcome === outcome));
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function shipmentsOf(rows: TaskRow[]): Shipment[] {
  const dispatched = completed(rows, 'dispatch');
  const delivered = completed(rows, 'transport');
  return dispatched.map((d, i) => ({
    outboundNoteNo: str(d.data?.outboundNoteNo),
    quantityMatches: d.data?.quantityMatches === true,
    specMatches: d.data?.specMatches === true,
    deliveryNoteNo: str(delivered[i]?.data?.deliveryNoteNo),
    deliveredOn: str(delivered[i]?.data?.signedOn),
  }));
}

function reviewOf(rows: TaskRow[], signed: { round: number; department: string; outcome: string }[]) {
  const reviews = rows.filter((t) => t.kind === 'review' && t.status !== 'CANCELLED');
  const round = Math.max(0, ...reviews.map((t) => t.round));
  return {
    reviewDepartments: [...new Set(reviews.filter((t) => t.round === round).map((t) => t.department))],
    approvedBy: signed.filter((x) => x.round === round && x.outcome === 'approve').map((x) => x.department),
  };
}

function acceptanceOf(rows: TaskRow[]): OrderFacts['acceptance'] {
  const last = completed(rows, 'customer_acceptance')
    .sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0))
    .at(-1);
  if (!last) return undefined;
  const score = last.data?.satisfaction;
  return {
    accepted: last.outcome === 'accepted',
    ...(typeof score === 'number' ? { satisfaction: score } : {}),
    ...(Array.isArray(last.data?.issues) ? { issues: last.data.issues as string[] } : {}),
  };
}

function riskOf(risk: typeof riskAssessments.$inferSelect, rows: TaskRow[]) {
  return {
    level: risk.level as RiskLevel,
    ownerDepartment: rows.find((t) => t.kind === 'risk_plan')?.department ?? '',
    plans: completed(rows, 'risk_plan').map((t) => ({
      owner: str(t.data?.responsible) ?? t.completedByName ?? undefined,
      measures: (t.data?.measures as string[] | undefined) ?? [],
      done: true,
    })),
  };
}

function changeFactOf(c: typeof changeRequests.$inferSelect) {
  return {
    id: c.id,
    status: c.status,
    headApproved: (c.opinions as { step?: string; outcome?: string }[]).some((x) => x.step === 'head_approval' && x.outcome === 'approve'),
  };
}

/** The receivables (since the contract's signature): instalments due and paid, and what is invoiced. */
async function receivablesFacts(db: Db, orderNo: string): Promise<Pick<OrderFacts, 'instalments' | 'invoicedTotal'>> {
  const [r] = await db.select().from(orderReceivables).where(eq(orderReceivables.orderNo, orderNo));
  if (!r) return { instalments: [], invoicedTotal: 0 };
  const instalments = r.instalments as unknown as ReceivablesView['instalments'];
  return {
    instalments: instalments.map((i) => ({
      seq: i.seq,
      percent: i.percent,
      dueDate: i.dueAt?.slice(0, 10),
      amount: i.amount,
      paid: i.paid,
    })),
    invoicedTotal: r.invoicedTotal,
  };
}

async function factsOf(db: Db, orderNo: string): Promise<OrderFacts | undefined> {
  const [o] = await db.select().from(orders).where(eq(orders.orderNo, orderNo));
  if (!o) return undefined;
  const rows = await db.select().from(tasks).where(eq(tasks.orderNo, orderNo));
  const signed = await db.select().from(signOffs).where(eq(signOffs.orderNo, orderNo));
  const [plan] = await db
    .select()
    .from(productionPlans)
    .where(eq(productionPlans.orderNo, orderNo))
    .orderBy(desc(productionPlans.revision))
    .limit(1);
  const [risk] = await db
    .select()
    .from(riskAssessments)
    .where(eq(riskAssessments.orderNo, orderNo))
    .orderBy(desc(riskAssessments.assessedAt))
    .limit(1);
  const changes = await db.select().from(changeRequests).where(eq(changeRequests.orderNo, orderNo));
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(complaints)
    .where(eq(complaints.orderNo, orderNo));
  const order = o.data as unknown as OrderInput;
  const milestonesDone = Object.fromEntries(
    completed(rows, 'milestone').map((t) => [
      String((t.context?.milestone as { name?: string } | undefined)?.name),
      String(t.data?.completedOn),
    ]),
  );
  return {
    orderNo,
    status: o.status,
    order,
    ...reviewOf(rows, signed),
    contract: {
      drafted: completed(rows, 'contract_draft').length > 0,
      legalApproved: completed(rows, 'contract_review', 'approve').length > 0,
      signed: completed(rows, 'contract_signature').length > 0,
    },
    ...(plan ? { plan: plan.plan as unknown as ProductionPlan } : {}),
    milestonesDone,
    shipments: shipmentsOf(rows),
    changes: changes.map(changeFactOf),
    ...(risk ? { risk: riskOf(risk, rows) } : {}),
    acceptance: acceptanceOf(rows),
    complaints: n,
    ...(await receivablesFacts(db, orderNo)),
    contractTotal: order.items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0),
  };
}

export async function loadOrderFacts(db: Db, orderNos: string[]): Promise<OrderFacts[]> {
  if (orderNos.length === 0) return [];
  const known = await db
    .select({ orderNo: orders.orderNo })
    .from(orders)
    .where(and(inArray(orders.orderNo, orderNos)));
  const out: OrderFacts[] = [];
  for (const { orderNo } of known.sort((a, b) => a.orderNo.localeCompare(b.orderNo))) {
    const f = await factsOf(db, orderNo);
    if (f) out.push(JSON.parse(JSON.stringify(f)) as OrderFacts);
  }
  return out;
}
