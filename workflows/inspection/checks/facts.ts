import type { OrderInput } from '../../order/order-input';
import type { ProductionPlan, RiskLevel } from '../../order/types';

// What the checks of 002 §4 look at: one order as its stored rows tell it, gathered by an
// activity so that the checks stay pure functions over plain data.

export interface Shipment {
  outboundNoteNo?: string;
  quantityMatches?: boolean;
  specMatches?: boolean;
  /** The delivery note the customer signed, standing for the tracking number. */
  deliveryNoteNo?: string;
  deliveredOn?: string;
}

export interface Instalment {
  seq: number;
  percent: number;
  dueDate?: string;
  amount: number;
  paid: number;
}

export interface OrderFacts {
  orderNo: string;
  status: string;
  order: OrderInput;
  /** The departments that had to review the order, and those whose latest round approved it. */
  reviewDepartments: string[];
  approvedBy: string[];
  contract: { drafted: boolean; legalApproved: boolean; signed: boolean };
  plan?: ProductionPlan;
  /** Milestone name → the date it was reported done. */
  milestonesDone: Record<string, string>;
  shipments: Shipment[];
  changes: { id: string; status: string; headApproved: boolean }[];
  risk?: { level: RiskLevel; ownerDepartment: string; plans: { owner?: string; measures: string[]; dueDate?: string; done: boolean }[] };
  acceptance?: { accepted: boolean; satisfaction?: number; issues?: string[] };
  complaints: number;
  instalments: Instalment[];
  invoicedTotal: number;
  contractTotal: number;
}

/** The moment the checks are made, and the thresholds they use. */
export interface CheckContext {
  /** Today in the policy time zone, YYYY-MM-DD. */
  today: string;
  milestoneGraceDays: number;
  minSatisfaction: number;
  /** Who rectifies findings of each area: production progress, logistics, finance, sales. */
  departments: { progress: string; logistics: string; finance: string; sales: string; risk: string; service: string };
}

export const checkNames = ['accuracy', 'compliance', 'risk', 'satisfaction', 'progress'] as const;
export type CheckName = (typeof checkNames)[number];

export type Severity = 'high' | 'medium' | 'low';

/** What a check raised on one order, before the inspector confirms or dismisses it. */
export interface Finding {
  id: string;
  check: CheckName;
  code: string;
  orderNo: string;
  content: string;
  severity: Severity;
  /** The department that must rectify it. */
  department: string;
}

export const productionStarted = (status: string): boolean =>
  ['PLANNING', 'PROCURING', 'IN_PRODUCTION', 'INSPECTING', 'SHIPPING', 'DELIVERED', 'CLOSED'].includes(status);

/** Days from one ISO date to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function finding(f: Omit<Finding, 'id'>): Finding {
  return { ...f, id: `${f.orderNo}.${f.check}.${f.code}` };
}
