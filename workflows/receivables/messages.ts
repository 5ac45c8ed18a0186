import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { InvoiceRequest, OrderMilestone, PaymentRequest, ReceivablesView } from './types';

// The contract between the API, the order workflow and an order's receivables workflow.

export const receivablesWorkflowId = (orderNo: string): string => `receivables-${orderNo}`;
export const receivablesView = defineQuery<ReceivablesView>('receivablesView');
/** The order workflow tells its receivables of the delivery and the acceptance. */
export const orderMilestone = defineSignal<[OrderMilestone]>('orderMilestone');
export const recordInvoice = defineUpdate<ReceivablesView, [InvoiceRequest]>('recordInvoice');
export const recordPayment = defineUpdate<ReceivablesView, [PaymentRequest]>('recordPayment');
