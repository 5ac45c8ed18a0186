import type { PolicySnapshot } from '../policy';
import type { Actor } from '../tasks/types';
import type { Finding, Severity } from './checks';

// What the inspection and issue workflows take and show (002 §3.3, §5).

export const inspectionKinds = ['operations', 'logistics', 'finance', 'complaint', 'audit'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];
export type Person = { sub: string; name: string };

export const issueStatuses = ['ANALYSING', 'PLANNING', 'RECTIFYING', 'VERIFYING', 'CLOSED'] as const;
export type IssueStatus = (typeof issueStatuses)[number];

/** An issue as the log records it (002 §5.1.1). */
export interface IssueRecord {
  id: string;
  orderNo?: string;
  inspectionId?: string;
  inspectionKind?: InspectionKind;
  check?: string;
  /** The responsible department. */
  department: string;
  severity: Severity;
  content: string;
  impact: string;
  foundAt: string;
  foundBy: Person;
  foundByDepartment: string;
  /** Who verifies the rectification: the inspecting department. */
  verifierDepartment: string;
}

export interface IssueWorkflowInput {
  issue: IssueRecord;
  policy: PolicySnapshot;
}

export interface IssueView {
  id: string;
  status: IssueStatus;
  cycle: number;
  reopened: number;
  dueAt?: string;
  closedAt?: string;
}

/** Audit's rectification notice (002 §6.1.2). */
export interface RectificationNoticeRequest {
  requirements: string;
  /** YYYY-MM-DD; the policy's notice period when left out. */
  deadline?: string;
  actor: Actor;
}

export interface InspectionWorkflowInput {
  kind: InspectionKind;
  policy: PolicySnapshot;
  /** Set by the API for ad-hoc runs; a scheduled run takes its workflow id. */
  id?: string;
  startedBy: Person;
  /** A complaint's order, or none for the scheduled runs (they select their orders). */
  orderNos?: string[];
  complaint?: { id: string; content: string; receivedAt: string };
  /** An audit sample: N orders received within the period (YYYY-MM-DD, inclusive). */
  sample?: { from: string; to: string; size: number };
}

export interface InspectionView {
  id: string;
  kind: InspectionKind;
  status: 'CHECKING' | 'REVIEWING' | 'DONE' | 'SKIPPED';
  orderNos: string[];
  findings: Finding[];
  issueIds: string[];
}
