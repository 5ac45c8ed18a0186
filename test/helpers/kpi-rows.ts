import type { Database } from '../../src/db/client';
import {
  complaints,
  deadlineBreaches,
  inspectionIssues,
  notifications,
  orderExceptions,
  orders,
  productionPlans,
  riskEvents,
  serviceTickets,
  tasks,
} from '../../src/db/schema';
import { sampleOrder } from './fixtures';

// Rows as the projections hold them, for KPI tests that know every figure in advance.

/** An instant given as local time in Asia/Shanghai (UTC+8 all year). */
export const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const FAR = sh('2026-06-30 18:00');

export function kpiRows(database: Database) {
  const { db } = database;
  return {
    async order(
      orderNo: string,
      o: {
        received: string;
        delivered?: string;
        requested?: string;
        status?: string;
        urgent?: boolean;
        items?: { quantity: number; unitPrice: number }[];
      },
    ) {
      const base = sampleOrder({ requestedDeliveryDate: o.requested ?? '2026-03-01' });
      const items = o.items ? o.items.map((i, n) => ({ ...base.items[0], sku: `SKU-${n}`, ...i })) : base.items;
      await db.insert(orders).values({
        orderNo,
        workflowId: `order-${orderNo}`,
        status: o.status ?? (o.delivered ? 'DELIVERED' : 'IN_PRODUCTION'),
        kind: 'routine',
        urgent: o.urgent ?? false,
        urgentRules: o.urgent ? ['short_lead_time'] : [],
        customerId: base.customer.id,
        customerName: base.customer.name,
        data: { ...base, items } as never,
        policyVersion: 'test',
        startInput: {},
        createdBy: 'sally',
        createdAt: sh(o.received),
        deliveredAt: o.delivered ? sh(o.delivered) : null,
      });
    },

    async task(
      id: string,
      t: {
        kind: string;
        department: string;
        round?: number;
        status?: string;
        outcome?: string;
        data?: Record<string, unknown>;
        context?: Record<string, unknown>;
        created?: string;
        due?: string;
        completed?: string;
        by?: [string, string];
      },
    ) {
      const orderNo = id.split('.')[0];
      await db.insert(tasks).values({
        id,
        orderNo,
        department: t.department,
        kind: t.kind,
        step: t.kind.replaceAll('_', '-'),
        round: t.round ?? 1,
        title: t.kind,
        status: t.status ?? (t.completed ? 'COMPLETED' : 'OPEN'),
        dueAt: t.due ? sh(t.due) : FAR,
        outcomes: [],
        outcome: t.outcome ?? null,
        data: t.data ?? null,
        context: t.context ?? null,
        createdAt: sh(t.created ?? '2025-10-01 09:00'),
        completedAt: t.completed ? sh(t.completed) : null,
        completedBy: t.by?.[0] ?? (t.completed ? `${t.department}-user` : null),
        completedByName: t.by?.[1] ?? (t.completed ? `${t.department} user` : null),
      });
    },

    async breach(taskId: string, department: string, kind: string, due: string) {
      await db
        .insert(deadlineBreaches)
        .values({ taskId, orderNo: taskId.split('.')[0], department, kind, dueAt: sh(due), detectedAt: sh(due) });
    },

    async complaint(id: string, orderNo: string, received: string) {
      await db.insert(complaints).values({
        id,
        orderNo,
        receivedAt: sh(received),
        content: 'late delivery',
        channel: 'phone',
        receivedBy: 'cass',
        inspectionId: `complaint-${id}`,
      });
    },

    async issue(id: string, orderNo: string | null, found: string) {
      await db.insert(inspectionIssues).values({
        id,
        orderNo,
        department: 'production',
        severity: 'medium',
        content: 'plan behind the order',
        impact: 'delivery at risk',
        status: 'ANALYSING',
        foundAt: sh(found),
        foundBy: 'ines',
        foundByDepartment: 'operations',
        updatedAt: sh(found),
      });
    },

    async riskEvent(id: string, orderNo: string, occurred: string) {
      await db.insert(riskEvents).values({ id, orderNo, type: 'delay', description: 'late', occurredAt: sh(occurred) });
    },

    async plan(orderNo: string, revision: number, milestones: [string, string][]) {
      await db.insert(productionPlans).values({
        orderNo,
        revision,
        plan: { batches: [], milestones: milestones.map(([name, plannedDate]) => ({ name, plannedDate })) },
        createdBy: 'pete',
        createdAt: sh('2025-10-20 09:00'),
      });
    },

    async tracking(id: string, orderNo: string, at: string, delay: boolean) {
      await db.insert(notifications).values({
        id,
        orderNo,
        topic: 'tracking',
        audience: 'sales',
        channel: 'feed',
        subject: 'tracking',
        body: delay ? { location: 'Ningbo', delay: { reason: 'storm', newEta: '2025-12-01' } } : { location: 'Ningbo' },
        status: 'SENT',
        createdAt: sh(at),
      });
    },

    async exception(id: string, orderNo: string, type: string, department: string, at: string) {
      await db.insert(orderExceptions).values({ id, orderNo, type, department, description: type, reportedBy: 'x', reportedAt: sh(at) });
    },

    async ticket(id: string, t: { received: string; due: string; responded?: string; resolved?: string; closed?: string; score?: number }) {
      await db.insert(serviceTickets).values({
        id,
        orderNo: 'A',
        category: 'quality',
        status: t.closed ? 'CLOSED' : 'RESOLVING',
        problem: 'leaks',
        receivedAt: sh(t.received),
        responseDueAt: sh(t.due),
        firstResponseAt: t.responded ? sh(t.responded) : null,
        resolvedAt: t.resolved ? sh(t.resolved) : null,
        closedAt: t.closed ? sh(t.closed) : null,
        satisfactionScore: t.score ?? null,
        createdBy: 'cora',
      });
    },
  };
}
