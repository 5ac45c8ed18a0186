export { orderWorkflow } from './order/order';
export { inspectionWorkflow } from './inspection/inspection';
export { issueWorkflow } from './inspection/issue';
export { kpiMonitorWorkflow, kpiMonthlyReportWorkflow } from './kpi/kpi-workflows';
export { replenishmentWorkflow } from './after-sales/replenishment';
export { ticketWorkflow } from './after-sales/ticket';
export { receivablesWorkflow } from './receivables/receivables';
