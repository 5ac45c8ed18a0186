import type { OrderInput } from './schema';
import type { TaskKind } from './forms';
import type { PolicySnapshot } from '../policy';

export const orderStatuses = [
  'RECEIVED', 'IN_REVIEW', 'RENEGOTIATING', 'CONTRACTING', 'PLANNING', 'PROCURING', 'IN_PRODUCTION',
  'INSPECTING', 'SHIPPING', 'DELIVERED', 'CLOSED', 'CANCELLED',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const taskStatuses = ['OPEN', 'CLAIMED', 'COMPLETED', 'CANCELLED'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export type Role = 'staff' | 'head' | 'auditor' | 'admin';

export interface Actor {
  sub: string;
  name: string;
  departments: string[];
  roles: string[];
}

export type UrgencyRule = 'short_lead_time' | 'key_customer' | 'flagged';

export interface Classification {
  kind: 'routine' | 'complex';
  urgent: boolean;
  urgentRules: UrgencyRule[];
}

export interface OrderWorkflowInput {
  orderNo: string;
  order: OrderInput;
  classification: Classification;
  policy: PolicySnapshot;
  receivedAt: string;
  receivedBy: { sub: string; name: string };
}

export interface Task {
  id: string;
  orderNo: string;
  department: string;
  kind: TaskKind;
  /** The process step and round this task belongs to; with the order it forms the task's stable key. */
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

export interface SignOff {
  department: string;
  outcome: string;
  by: { sub: string; name: string };
  at: string;
}

export interface OrderView {
  orderNo: string;
  status: OrderStatus;
  version: number;
  reviewRound: number;
  classification: Classification;
  policyVersion: string;
  openTasks: Task[];
  cancelled?: { by: { sub: string; name: string }; reason: string; at: string };
}
