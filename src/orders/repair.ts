import { and, eq, isNull, or } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import { orders, projectionIncidents, tasks } from '../db/schema';
import { taskRow } from '../db/task-rows';
import { orderSnapshot, orderWorkflowId } from '../../workflows/order/messages';
import type { Task } from '../../workflows/order/types';
import { differences, type Difference } from './consistency';
import { ApiError } from './errors';

// The repair path: reads the order's state from its workflow and rewrites the order's rows
// from it, text cleaned of what the database cannot store. Safe to run at any time and
// more than once; the workflow is never changed.

export interface RepairReport {
  orderNo: string;
  /** What differed before the repair. */
  differences: Difference[];
  tasksWritten: number;
  incidentsClosed: number;
}

/** A copy in which no string holds a NUL or half a surrogate pair. */
export function storableCopy<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD') as T;
  }
  if (Array.isArray(value)) return value.map(storableCopy) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableCopy(k), storableCopy(v)])) as T;
  }
  return value;
}

export async function repairOrder(deps: { db: Db; temporal: Client }, orderNo: string): Promise<RepairReport> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.orderNo, orderNo));
  if (!order) throw new ApiError(404, 'NOT_FOUND', `order ${orderNo} does not exist`);
  if (!order.workflowStarted)
    throw new ApiError(409, 'WORKFLOW_NOT_STARTED', `order ${orderNo} has no workflow yet; the orphan sweep starts it`);
  const state = await deps.temporal.workflow.getHandle(orderWorkflowId(orderNo)).query(orderSnapshot);
  // The order workflow's own rows: its receivables keep tasks under the order number too.
  const own = or(isNull(tasks.workflowId), eq(tasks.workflowId, orderWorkflowId(orderNo)));
  const rows = await deps.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.orderNo, orderNo), own));
  const found = differences(state, order, rows);
  const list = state.tasks.map((t) => storableCopy<Task>(t));
  const closed = await deps.db.transaction(async (tx) => {
    await tx
      .update(orders)
      .set({
        status: state.status,
        version: state.version,
        reviewRound: state.reviewRound,
        urgent: state.urgent,
        urgentRules: state.urgentRules,
        data: storableCopy(state.order),
        updatedAt: new Date(),
      })
      .where(eq(orders.orderNo, orderNo));
    for (const t of list) {
      const { id: _id, ...fields } = taskRow(t);
      await tx.insert(tasks).values(taskRow(t)).onConflictDoUpdate({ target: tasks.id, set: fields });
    }
    return tx
      .update(projectionIncidents)
      .set({ repairedAt: new Date() })
      .where(and(eq(projectionIncidents.orderNo, orderNo), isNull(projectionIncidents.repairedAt)))
      .returning({ id: projectionIncidents.id });
  });
  return { orderNo, differences: found, tasksWritten: list.length, incidentsClosed: closed.length };
}
