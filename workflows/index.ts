export { orderWorkflow } from './order/order';
export { kpiMonitorWorkflow, kpiMonthlyReportWorkflow } from './kpi/kpi-workflows';
