import type { KpiUnit } from './kpi';

// Every KPI the service publishes: its name in the policies' own words, the clause it
// comes from, its unit, and what an empty period says. The formulas are beside their SQL
// in ./queries.

export interface KpiDefinition {
  id: string;
  name: string;
  clause: string;
  unit: KpiUnit;
  /** The department whose figure it is, when it belongs to one; split KPIs have one row per department. */
  department?: string;
  /** The reason given when the period has nothing to count. */
  empty: string;
}

const define = <const T extends Record<string, Omit<KpiDefinition, 'id'>>>(defs: T) =>
  Object.fromEntries(Object.entries(defs).map(([id, d]) => [id, { id, ...d }])) as { [K in keyof T]: T[K] & { id: K } };

export const kpis = define({
  // 002 §6.2: order inspection, over the orders delivered in the period.
  information_accuracy: { name: '订单信息准确率', clause: '002 §6.2.1', unit: 'percent', empty: 'no orders were delivered in the period' },
  business_compliance: { name: '业务操作合规率', clause: '002 §6.2.2', unit: 'percent', empty: 'no orders were delivered in the period' },
  complaint_rate: { name: '客户投诉率', clause: '002 §6.2.3', unit: 'percent', empty: 'no orders were delivered in the period' },
  risk_event_rate: { name: '风险事件发生率', clause: '002 §6.2.4', unit: 'percent', empty: 'no orders were delivered in the period' },
  risk_events: { name: '风险事件数', clause: '002 §6.2.4', unit: 'count', empty: '' },

  // 003 §8.1: each department's indicators.
  orders_received: { name: '订单获取数量', clause: '003 §8.1', unit: 'count', department: 'sales', empty: '' },
  on_time_delivery: {
    name: '订单交付准时率',
    clause: '003 §8.1',
    unit: 'percent',
    department: 'sales',
    empty: 'no orders were delivered in the period',
  },
  customer_satisfaction: {
    name: '客户满意度',
    clause: '003 §8.1, 002 §2.2.3',
    unit: 'score',
    department: 'sales',
    empty: 'no satisfaction checks were recorded in the period',
  },
  design_on_time: {
    name: '设计按时完成率',
    clause: '003 §8.1, 003 §3.2',
    unit: 'percent',
    department: 'rnd',
    empty: 'no designs were completed in the period',
  },
  design_changes: { name: '设计变更次数', clause: '003 §8.1, 003 §3.2', unit: 'count', department: 'rnd', empty: '' },
  plan_completion: {
    name: '生产计划完成率',
    clause: '003 §8.1',
    unit: 'percent',
    department: 'production',
    empty: 'no production milestones were planned in the period',
  },
  first_pass_inspection: {
    name: '一次检验合格率',
    clause: '003 §8.1, 003 §3.4',
    unit: 'percent',
    department: 'production',
    empty: 'no first final inspections were completed in the period',
  },
  on_time_shipment: {
    name: '货物运输准时率',
    clause: '003 §8.1',
    unit: 'percent',
    department: 'logistics',
    empty: 'no transports were completed in the period',
  },
  transport_delays: { name: '运输延误次数', clause: '003 §8.1, 003 §3.5', unit: 'count', department: 'logistics', empty: '' },
  first_response_median_hours: {
    name: '售后首次响应时间（中位数）',
    clause: '003 §8.1, 003 §5.1',
    unit: 'hours',
    department: 'after_sales',
    empty: 'no service tickets were answered in the period',
  },
  first_response_on_time: {
    name: '售后按时首次响应率',
    clause: '003 §8.1, 003 §5.1',
    unit: 'percent',
    department: 'after_sales',
    empty: 'no service ticket response deadlines fell in the period',
  },
  resolution_hours: {
    name: '售后平均解决时间',
    clause: '003 §8.1, 003 §5.2',
    unit: 'hours',
    department: 'after_sales',
    empty: 'no service tickets were resolved in the period',
  },
  service_satisfaction: {
    name: '售后服务满意度',
    clause: '003 §8.1, 003 §5.3',
    unit: 'score',
    department: 'after_sales',
    empty: 'no service satisfaction surveys were recorded in the period',
  },

  // Deadlines, per department, from the recorded breaches.
  review_deadline_compliance: {
    name: '评审按时完成率',
    clause: '000 §3.1, 003 §3.1',
    unit: 'percent',
    empty: 'no review deadlines fell in the period',
  },
  deadline_compliance: {
    name: '任务按时完成率',
    clause: '003 §6.3, 003 §8.2',
    unit: 'percent',
    empty: 'no task deadlines fell in the period',
  },

  // 001 §6.1: urgent orders received in the period, per department and per person.
  urgent_order_hours: {
    name: '紧急订单处理时间',
    clause: '001 §6.1',
    unit: 'hours',
    empty: 'no urgent order received in the period has been delivered',
  },
  urgent_task_hours: {
    name: '紧急订单任务处理时间',
    clause: '001 §6.1',
    unit: 'hours',
    empty: 'no tasks were completed on urgent orders received in the period',
  },
  urgent_first_pass: {
    name: '紧急订单一次检验合格率',
    clause: '001 §6.1',
    unit: 'percent',
    empty: 'no urgent order received in the period has had its final inspection',
  },
  urgent_extra_cost: {
    name: '紧急订单额外成本占比',
    clause: '001 §6.1',
    unit: 'percent',
    empty: 'no urgent orders were received in the period',
  },
  urgent_satisfaction: {
    name: '紧急订单客户满意度',
    clause: '001 §6.1',
    unit: 'score',
    empty: 'no urgent order received in the period has a satisfaction score',
  },
});

export type KpiId = keyof typeof kpis;
export const kpiIds = Object.keys(kpis) as KpiId[];
