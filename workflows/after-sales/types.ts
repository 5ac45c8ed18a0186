import type { PolicySnapshot } from '../policy';

// An after-sales service ticket (003 §5) as its workflow holds it.

export type TicketCategory = 'quality' | 'usage' | 'logistics' | 'other';
export type TicketStatus = 'RECEIVED' | 'RESOLVING' | 'EVALUATING' | 'SURVEYING' | 'CLOSED';

export interface TicketRecord {
  id: string;
  orderNo: string;
  category: TicketCategory;
  problem: string;
  receivedAt: string;
  receivedBy: { sub: string; name: string };
}

export interface TicketWorkflowInput {
  ticket: TicketRecord;
  policy: PolicySnapshot;
}

export interface TicketView {
  id: string;
  status: TicketStatus;
  category: TicketCategory;
  team?: string;
  firstResponseAt?: string;
  resolution?: 'remote' | 'on_site';
  onSiteVisits: number;
  reopened: number;
  resolvedAt?: string;
  satisfactionScore?: number;
  closedAt?: string;
}

export interface ReplenishmentInput {
  sku: string;
  name: string;
  onHand: number;
  reorderLevel: number;
  /** The ticket whose visit took the part under its reorder level. */
  ticketId: string;
  policy: PolicySnapshot;
}
