import { patched } from '@temporalio/workflow';
import { projectionActivities } from '../tasks/projection';
import type { TaskActivities } from '../tasks/host';
import type { OrderActivities } from '../../activities';
import { now } from './clock';
import { lanePerRun } from './lane';
import type { OrderRun } from './run';
import type { OrderStatus } from './types';

// The order's projection writes: refused writes become incidents filed under the order number.
export const acts: OrderActivities = projectionActivities((workflowId) => workflowId.replace(/^order-/, ''));

type StatusWrite = Parameters<OrderActivities['recordStatus']>[0];

export interface ProjectionState {
  /**
   * A status change not written yet. A stage's new status goes with its first step's inbox
   * write, one activity for both; whatever is still unwritten is written before the order
   * next waits, so the row never lags a waiting workflow.
   */
  statusToWrite?: StatusWrite;
}

export async function setStatus(run: OrderRun, status: OrderStatus, reason?: string): Promise<void> {
  if (run.s.status === status) return;
  run.s.status = status;
  const write = { orderNo: run.input.orderNo, status, reviewRound: run.s.round, at: now().toISOString(), reason };
  // Orders that began writing each status on its own keep doing so.
  if (patched('status-with-next-step')) run.s.statusToWrite = write;
  else await acts.recordStatus(write);
}

/** Status writes, one after another, so the row never takes an older status last. */
const statusLane = lanePerRun();

/** Whether a status change is still to be written or on its way. */
export const statusUnwritten = (run: OrderRun): boolean => run.s.statusToWrite !== undefined || statusLane(run).busy;

/** Writes a status change no inbox write has carried, and waits until every status write is done. */
export async function writePendingStatus(run: OrderRun): Promise<void> {
  const write = run.s.statusToWrite;
  if (write) {
    run.s.statusToWrite = undefined;
    void statusLane(run).add(() => acts.recordStatus(write));
  }
  await statusLane(run).idle();
}

/** The inbox writes of the order's steps: opening tasks carries a pending status change along. */
export function stepActivities(run: OrderRun): TaskActivities {
  return {
    openTasks(list) {
      const status = run.s.statusToWrite;
      if (!status) return acts.openTasks(list);
      run.s.statusToWrite = undefined;
      return statusLane(run).add(() => acts.recordStageEntry({ status, tasks: list }));
    },
    cancelTasks: (input) => acts.cancelTasks(input),
    markOverdue: (input) => acts.markOverdue(input),
    recordClaim: (t) => acts.recordClaim(t),
    recordAssignment: (a) => acts.recordAssignment(a),
    recordCompletion: (t) => acts.recordCompletion(t),
  };
}
