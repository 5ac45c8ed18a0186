import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { completeTask } from '../../workflows/tasks/messages';
import type { Actor, BoardTask } from '../../workflows/tasks/types';
import type { OrderFacts } from '../../workflows/inspection/checks/facts';
import type { recordingActivities } from './recording-activities';
import { sampleOrder } from './fixtures';

// Drives inspection and issue workflows through their task Updates, as people would.

type Recording = ReturnType<typeof recordingActivities>;

/** Waits for an open task of `kind` (and round) among those the workflows opened. */
export async function openTask(rec: Recording, kind: string, round = 1, department?: string): Promise<BoardTask> {
  for (const until = Date.now() + 45_000; Date.now() < until;) {
    const t = [...rec.tasks.values()].find(
      (x) => x.kind === kind && x.round === round && (!department || x.department === department) && ['OPEN', 'CLAIMED'].includes(x.status),
    );
    if (t) return t;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no open ${kind} task in round ${round}: ${[...rec.tasks.keys()].join(', ')}`);
}

export function answer(h: WorkflowHandle, t: BoardTask, actor: Actor, outcome: string, data: Record<string, unknown>) {
  return h.executeUpdate(completeTask, { args: [{ taskId: t.id, outcome, data, actor }] });
}

/** The message of a refused Update, or undefined when it was accepted. */
export async function refusal(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return (err.cause as Error).message;
    throw err;
  }
  return undefined;
}

export const person = (sub: string, departments: string[], roles = ['staff']): Actor => ({ sub, name: sub, departments, roles });

/** An order in production whose first milestone was planned `daysBehind` days ago and is not done. */
export function orderBehindPlan(orderNo: string, today: Date, daysBehind: number): OrderFacts {
  const day = (d: number) => new Date(today.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  return {
    orderNo,
    status: 'IN_PRODUCTION',
    order: sampleOrder({ requestedDeliveryDate: day(60) }),
    reviewDepartments: ['production'],
    approvedBy: ['production'],
    contract: { drafted: true, legalApproved: true, signed: true },
    plan: {
      batches: [{ batchNo: 'B1', quantity: 400, plannedStart: day(-20), plannedEnd: day(30) }],
      milestones: [
        { name: 'casting', plannedDate: day(-daysBehind) },
        { name: 'assembly', plannedDate: day(20) },
      ],
    },
    milestonesDone: {},
    shipments: [],
    changes: [],
    complaints: 0,
    instalments: [],
    invoicedTotal: 0,
    contractTotal: 73000,
  };
}
