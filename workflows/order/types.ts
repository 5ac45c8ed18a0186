import type { OrderInput } from './order-input';
import type { TaskKind } from './task-kinds';
import type { PolicySnapshot } from '../policy';
import type { BoardTask } from '../tasks/types';

export const orderStatuses = [
  'RECEIVED',
  'IN_REVIEW',
  'RENEGOTIATING',
  'CONTRACTING',
  'PLANNING',
  'PROCURING',
  'IN_PRODUCTION',
  'INSPECTING',
  'SHIPPING',
  'DELIVERED',
  'CLOSED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export { taskStatuses, type Actor, type Role, type TaskStatus } from '../tasks/types';

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
  /** Orders the customer placed before this one (credit risk: a new customer). */
  previousOrders?: number;
  /** Set on continue-as-new: the state the previous run ended with. */
  resume?: unknown;
}

/** A task of an order: the shared task (workflows/tasks/types.ts), always about its order. */
export interface Task<K extends TaskKind = TaskKind> extends BoardTask<K> {
  orderNo: string;
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
  stage: string;
  version: number;
  reviewRound: number;
  classification: Classification;
  policyVersion: string;
  openTasks: Task[];
  plan?: ProductionPlan;
  milestonesDone: Record<string, string>;
  exceptions: OrderException[];
  risk?: RiskAssessment;
  reportsSent: number;
  change?: ChangeRequest;
  cancelled?: { by: { sub: string; name: string }; reason: string; at: string };
}

export interface OrderSnapshot {
  orderNo: string;
  status: OrderStatus;
  version: number;
  reviewRound: number;
  order: OrderInput;
  urgent: boolean;
  urgentRules: UrgencyRule[];
  /** Every task the order has opened, in every state. */
  tasks: Task[];
  finished: boolean;
}

export interface PlannedMilestone {
  name: string;
  plannedDate: string;
}

/** 000 §4.1: batches, quantities and milestones with planned dates. */
export interface ProductionPlan {
  batches: { batchNo: string; quantity: number; plannedStart: string; plannedEnd: string }[];
  milestones: PlannedMilestone[];
  notes?: string;
}

export type ExceptionType = 'delay' | 'quality' | 'material_shortage';

export interface OrderException {
  id: string;
  orderNo: string;
  type: ExceptionType;
  department: string;
  description: string;
  reportedBy: { sub: string; name: string };
  reportedAt: string;
}

/** 000 §4.4: what the customer hears at least once a week until delivery. */
export interface ProgressReport {
  id: string;
  orderNo: string;
  seq: number;
  trigger: 'review_passed' | 'weekly' | 'on_request';
  generatedAt: string;
  status: OrderStatus;
  version: number;
  expectedDeliveryDate: string;
  milestones: { name: string; plannedDate: string; completedOn?: string; state: 'done' | 'on_track' | 'late' }[];
  quality: { check: string; result: string; at: string }[];
  openExceptions: OrderException[];
  recipients: { webhookUrl?: string; email?: string };
}

/** A message to a department (stored in its feed) or to the customer (webhook, e-mail). */
export interface Notification {
  id: string;
  orderNo: string;
  topic: string;
  audience: { department: string } | { customer: { webhookUrl?: string; email?: string } };
  subject: string;
  body: Record<string, unknown>;
  createdAt: string;
}

export type RiskLevel = 'low' | 'medium' | 'high';
export type RiskDimension = 'credit' | 'change' | 'delivery' | 'quality' | 'cost';

/** What the risk rules look at (000 §7.2); gathered at intake, on exceptions and on changes. */
export interface RiskFacts {
  newCustomer: boolean;
  overduePayments: boolean;
  changeCount: number;
  leadTimeWorkingDays: number;
  newProduct: boolean;
  qualityRequirements?: string;
  marginPct?: number;
  openExceptions: number;
}

export interface RiskAssessment {
  id: string;
  orderNo: string;
  trigger: 'intake' | 'exception' | 'change' | 'review' | 'payment_overdue';
  level: RiskLevel;
  dimensions: Record<RiskDimension, { level: RiskLevel; reasons: string[] }>;
  /** The department that owns the risk plan when the level is high. */
  ownerDepartment: string;
  assessedAt: string;
}

export type ChangeStatus = 'HEAD_REVIEW' | 'IN_REVIEW' | 'RENEGOTIATING' | 'AGREED' | 'REJECTED' | 'WITHDRAWN';

export interface ChangeOpinion {
  step: 'head_approval' | 'change_review' | 'change_renegotiation';
  round: number;
  department: string;
  outcome: string;
  reasons?: string[];
  by?: { sub: string; name: string };
  at?: string;
}

/** A change request (000 §6): head approval, scoped re-review, agreement or renegotiation. */
export interface ChangeRequest {
  id: string;
  orderNo: string;
  seq: number;
  status: ChangeStatus;
  changes: Record<string, unknown>;
  reason: string;
  impact: { deliveryDate?: string; cost?: number; note?: string };
  /** The departments the diff touches, who re-review it. */
  departments: string[];
  round: number;
  opinions: ChangeOpinion[];
  requestedBy: { sub: string; name: string };
  requestedAt: string;
  decidedAt?: string;
  agreement?: { version: number; total: number; currency: string; deliveryDate: string };
}
