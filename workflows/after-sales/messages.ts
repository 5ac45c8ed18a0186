import { defineQuery } from '@temporalio/workflow';
import type { TicketView } from './types';

// The contract between the API and the after-sales workflows.

export const ticketWorkflowType = 'ticketWorkflow';
export const ticketWorkflowId = (ticketId: string): string => `ticket-${ticketId}`;
/** One replenishment at a time per part: a second visit under the level finds it running. */
export const replenishmentWorkflowId = (sku: string): string => `replenish-${sku}`;

export const ticketView = defineQuery<TicketView>('ticketView');
