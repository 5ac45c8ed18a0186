import type { Policy } from '../policy';
import type { BoardTask, TaskBoardState } from './types';

// What the task engine needs to know of the workflow it serves. An order, an inspection and
// an issue each give one: the business key of their task ids, their pinned policy, their
// board of tasks, and the activities that write the inbox rows.

/** The inbox writes the engine and the task actions make. */
export interface TaskActivities {
  openTasks(list: BoardTask[]): Promise<void>;
  cancelTasks(input: { ids: string[]; reason: string }): Promise<void>;
  markOverdue(input: { task: BoardTask; detectedAt: string }): Promise<void>;
  recordClaim(t: Pick<BoardTask, 'id' | 'assignee' | 'claimedAt'>): Promise<void>;
  recordAssignment(a: {
    id: string;
    status: 'OPEN' | 'CLAIMED';
    assignee: string | null;
    claimedAt: string | null;
    by: { sub: string; name: string };
  }): Promise<void>;
  recordCompletion(t: BoardTask): Promise<void>;
}

export interface TaskHost {
  /** The business key in task ids: `<key>.<step>.r<round>.<department>`. */
  key: string;
  /** Copied onto every task: the order it concerns, the workflow that owns it, what it is about. */
  stamp: Pick<BoardTask, 'orderNo' | 'workflowId' | 'subject'>;
  policy: Policy;
  board: TaskBoardState;
  acts: TaskActivities;
  /** Urgent tasks sort first and, if the policy says so, escalate straight to management. */
  urgent(): boolean;
  /** True once the workflow is finished or cancelled: waits end and steps answer undefined. */
  isOver(): boolean;
  /** Extra markers a department sees on a task (expedite, priority). */
  markers?(department: string): string[] | undefined;
  /** Every wait of the engine: true when pred holds, false when `until` passes first. */
  waitFor(pred: () => boolean, until?: Date): Promise<boolean>;
  /** Whether each task is held to its own deadline (the order workflow decides through a patch). */
  perTaskDeadlines(): boolean;
}

export const initialTaskBoard = (): TaskBoardState => ({ tasks: {}, replacedBy: {} });
