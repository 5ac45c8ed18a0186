import type { Actor } from '../order/types';
import type { PolicySnapshot } from '../policy';

// An order's receivables (002 §2.4, 001 §4.6): the contract's instalments, the invoices and
// the payments against them.

export type DueEvent = 'signature' | 'delivery' | 'acceptance' | 'date';

export interface InstalmentTerm {
  percent: number;
  due: DueEvent;
  afterDays: number;
  date?: string;
}

export interface Instalment extends InstalmentTerm {
  seq: number;
  amount: number;
  paid: number;
  /** Known once the event that starts its clock has happened. */
  dueAt?: string;
  status: 'PENDING' | 'DUE' | 'OVERDUE' | 'PAID';
}

export interface Invoice {
  invoiceNo: string;
  amount: number;
  issuedOn: string;
  by: string;
}

export interface Payment {
  id: string;
  amount: number;
  receivedOn: string;
  reference: string;
  instalment: number;
  by: string;
}

export interface ReceivablesInput {
  orderNo: string;
  contractNo?: string;
  currency: string;
  contractTotal: number;
  terms: InstalmentTerm[];
  signedAt: string;
  policy: PolicySnapshot;
}

export interface ReceivablesView {
  orderNo: string;
  currency: string;
  contractTotal: number;
  instalments: Instalment[];
  invoices: Invoice[];
  payments: Payment[];
  invoicedTotal: number;
  paidTotal: number;
  outstanding: number;
  delivered: boolean;
  accepted: boolean;
  settled: boolean;
  cancelled: boolean;
}

export interface InvoiceRequest {
  invoiceNo: string;
  amount: number;
  issuedOn: string;
  actor: Actor;
}

export interface PaymentRequest {
  amount: number;
  receivedOn: string;
  reference: string;
  /** The instalment it pays; the earliest unpaid one when not named. */
  instalment?: number;
  actor: Actor;
}

export interface OrderMilestone {
  /** A cancelled order's receivables end: nothing more is collected. */
  event: 'delivery' | 'acceptance' | 'cancelled';
  at: string;
}
