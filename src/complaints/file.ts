import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import { addClockHours, addWorkingHours } from '../../workflows/calendar';
import { inspectionWorkflowId } from '../../workflows/inspection/messages';
import type { InspectionWorkflowInput } from '../../workflows/inspection/types';
import { calendarOf } from '../../workflows/policy';
import type { PolicySnapshot } from '../../workflows/policy';
import type { Db } from '../db/client';
import { complaints, inspections } from '../db/schema';

// 002 §3.3.2: a customer complaint about an order starts an inspection of that order at
// once and gives customer service a reply-to-customer task due in the policy's hours.
// Filed from the API, and by an after-sales quality ticket.

export type ComplaintRow = typeof complaints.$inferSelect;

export interface ComplaintDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  policy: PolicySnapshot;
  /** Bounds a call to the engine (the API's engine wrapper); plain call when absent. */
  call?: <T>(call: () => Promise<T>) => Promise<T>;
}

export interface ComplaintRequest {
  orderNo: string;
  content: string;
  channel: string;
  by: { sub: string; name: string };
  /** The same key files the same complaint once. */
  key?: string;
}

/** The complaint's row, stored once per key, and its inspection started. */
export async function fileComplaint(deps: ComplaintDeps, req: ComplaintRequest): Promise<ComplaintRow> {
  const id = `CMP-${req.key ? createHash('sha256').update(`${req.by.sub}:${req.key}`).digest('hex').slice(0, 16) : randomUUID()}`;
  const [existing] = await deps.db.select().from(complaints).where(eq(complaints.id, id));
  if (existing) return existing;
  const { policy } = deps.policy;
  const receivedAt = new Date();
  const hours = policy.inspection.complaintReplyHours;
  const replyDueAt =
    policy.deadlines.hourDeadlines === 'working'
      ? addWorkingHours(calendarOf(policy), receivedAt, hours)
      : addClockHours(receivedAt, hours);
  const inspectionId = `complaint-${id}`;
  const row = {
    id,
    orderNo: req.orderNo,
    receivedAt,
    content: req.content,
    channel: req.channel,
    receivedBy: req.by.name,
    inspectionId,
    replyDueAt,
  };
  await deps.db.transaction(async (tx) => {
    await tx.insert(complaints).values(row);
    await tx.insert(inspections).values({
      id: inspectionId,
      kind: 'complaint',
      department: policy.inspection.complaintDepartment,
      status: 'CHECKING',
      orderNos: [req.orderNo],
      complaintId: id,
      startedBy: req.by.name,
      startedAt: receivedAt,
    });
  });
  const input: InspectionWorkflowInput = {
    kind: 'complaint',
    id: inspectionId,
    policy: deps.policy,
    startedBy: req.by,
    orderNos: [req.orderNo],
    complaint: { id, content: row.content, receivedAt: receivedAt.toISOString() },
  };
  const start = () =>
    deps.temporal.workflow.start('inspectionWorkflow', {
      workflowId: inspectionWorkflowId(inspectionId),
      taskQueue: deps.taskQueue,
      args: [input],
    });
  await (deps.call ? deps.call(start) : start());
  return { ...row, reply: null, repliedAt: null, repliedBy: null };
}
