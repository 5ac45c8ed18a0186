import type { TaskKind } from '../order/task-kinds';

// What every workflow's tasks share: people and their roles, and the task as a department's
// inbox holds it. Orders, inspections and issues open the same kind of task.

export const taskStatuses = ['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export type Role = 'staff' | 'head' | 'auditor' | 'admin';

export interface Actor {
  sub: string;
  name: string;
  departments: string[];
  roles: string[];
}

export interface BoardTask<K extends TaskKind = TaskKind> {
  id: string;
  /** The order the task is about, if any (an issue found outside an order has none). */
  orderNo?: string;
  /** The workflow that owns the task and receives its Updates; unset on tasks of orders opened before it was recorded. */
  workflowId?: string;
  /** What the task is about when it is not the order itself: an inspection's or an issue's id. */
  subject?: string;
  department: string;
  kind: K;
  /** The process step and round this task belongs to; with the business key it forms the task's stable key. */
  step: string;
  round: number;
  title: string;
  status: TaskStatus;
  priority: 'urgent' | 'normal';
  dueAt: string;
  overdue: boolean;
  /** Set when only a role within the department may act, e.g. 'head' for an escalation. */
  requiredRole?: Role;
  outcomes: string[];
  /** What the assignee needs to decide: reasons to renegotiate, the task escalated, … */
  context?: Record<string, unknown>;
  assignee?: string;
  outcome?: string;
  comment?: string;
  data?: Record<string, unknown>;
  createdAt: string;
  claimedAt?: string;
  completedAt?: string;
  completedBy?: { sub: string; name: string };
}

/** What identifies a task within its workflow: the step and round, and the department that answers. */
export interface TaskRef<K extends TaskKind = TaskKind> {
  kind: K;
  step: string;
  round: number;
  department: string;
  /** Set when only a role within the department may act, e.g. 'head' for an approval. */
  requiredRole?: Role;
}

export interface TaskSpec<K extends TaskKind = TaskKind> extends TaskRef<K> {
  title: string;
  context?: Record<string, unknown>;
}

export interface TaskBoardState {
  tasks: Record<string, BoardTask>;
  /** Tasks a change made stale, and the task reissued in each one's place. */
  replacedBy: Record<string, string>;
  /** Counts changes to open tasks' deadlines (reissue, urgency), so that waiting steps look again. */
  deadlineEpoch?: number;
}
