import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kpis } from '../catalog';
import { count, ratio, type Kpi } from '../kpi';
import { addDays, daysIn, type KpiPeriod } from '../period';
import { rowOf } from '../sql';
import { within } from './period-sql';

// 003 §8.1, the indicators of R&D, production and logistics.
//
// R&D
// - design on time (设计按时完成率): of the designs (task `design`) completed in the
//   period, those completed by their deadline.
// - design changes (设计变更次数): controlled design changes (task `design_change`, 003 §3.2)
//   completed in the period.
// Production
// - plan completion (生产计划完成率): the milestones of the production plans (each order's
//   latest plan revision) planned for a day of the period that has come, of orders not
//   cancelled; done when production reported it complete on or before its planned date.
//   Milestones planned after today are not due yet and not counted.
// - first-pass inspection (一次检验合格率): of the orders whose first final inspection
//   (round 1) was completed in the period, those that passed it.
// Logistics
// - on-time shipment (货物运输准时率): of the transports completed in the period (the
//   delivery note signed), those completed by their deadline.
// - transport delays (运输延误次数): tracking updates that reported a delay in the period
//   (000 §5.3.3), plus delay exceptions logistics reported in it.

/** Each local day from `from` to `to`, both included; none when `to` is earlier. */
function daysFrom(from: string, to: string): string[] {
  if (to < from) return [];
  return Array.from({ length: daysIn(from, to) }, (_, i) => addDays(from, i));
}

interface Row {
  designs: number;
  designs_on_time: number;
  design_changes: number;
  milestones: number;
  milestones_done: number;
  inspected: number;
  passed: number;
  transports: number;
  transports_on_time: number;
  delays: number;
}

export async function operationsKpis(db: Db, p: KpiPeriod): Promise<Kpi[]> {
  const lastDue = p.today < p.to ? p.today : p.to;
  const plannedDays = daysFrom(p.from, lastDue).map((d) => sql`${d}`);
  if (plannedDays.length === 0) plannedDays.push(sql`''`);
  const r = await rowOf<Row>(
    db,
    sql`
      with design as (
        select count(*)::int as designs, count(*) filter (where t.completed_at <= t.due_at)::int as designs_on_time
        from tasks t where t.kind = 'design' and t.status = 'COMPLETED' and ${within(sql`t.completed_at`, p)}
      ), change as (
        select count(*)::int as design_changes
        from tasks t where t.kind = 'design_change' and t.status = 'COMPLETED' and ${within(sql`t.completed_at`, p)}
      ), milestone as (
        select pp.order_no, m->>'name' as name, m->>'plannedDate' as planned
        from production_plans pp
        cross join lateral jsonb_array_elements(pp.plan->'milestones') m
        where pp.planned_dates ?| array[${sql.join(plannedDays, sql`, `)}]::text[]
          and not exists (select 1 from production_plans later where later.order_no = pp.order_no and later.revision > pp.revision)
          and not exists (select 1 from orders o where o.order_no = pp.order_no and o.status = 'CANCELLED')
          and m->>'plannedDate' >= ${p.from} and m->>'plannedDate' <= ${lastDue}
      ), milestones as (
        select count(*)::int as milestones,
          count(*) filter (where exists (
            select 1 from tasks t
            where t.order_no = ms.order_no and t.kind = 'milestone' and t.status = 'COMPLETED'
              and t.context->'milestone'->>'name' = ms.name and t.data->>'completedOn' <= ms.planned
          ))::int as milestones_done
        from milestone ms
      ), inspection as (
        select count(*)::int as inspected, count(*) filter (where t.outcome = 'pass')::int as passed
        from tasks t
        where t.kind = 'final_inspection' and t.round = 1 and t.status = 'COMPLETED' and ${within(sql`t.completed_at`, p)}
      ), transport as (
        select count(*)::int as transports, count(*) filter (where t.completed_at <= t.due_at)::int as transports_on_time
        from tasks t where t.kind = 'transport' and t.status = 'COMPLETED' and ${within(sql`t.completed_at`, p)}
      ), delay as (
        select (
          (select count(*) from notifications n
            where n.topic = 'tracking' and n.audience = 'sales' and jsonb_typeof(n.body->'delay') = 'object'
              and ${within(sql`n.created_at`, p)})
          + (select count(*) from order_exceptions e
              where e.type = 'delay' and e.department = 'logistics' and ${within(sql`e.reported_at`, p)})
        )::int as delays
      )
      select * from design, change, milestones, inspection, transport, delay`,
  );
  const rnd = { department: 'rnd' };
  const production = { department: 'production' };
  const logistics = { department: 'logistics' };
  return [
    ratio(kpis.design_on_time, rnd, r.designs_on_time, r.designs),
    count(kpis.design_changes, rnd, r.design_changes),
    ratio(kpis.plan_completion, production, r.milestones_done, r.milestones),
    ratio(kpis.first_pass_inspection, production, r.passed, r.inspected),
    ratio(kpis.on_time_shipment, logistics, r.transports_on_time, r.transports),
    count(kpis.transport_delays, logistics, r.delays),
  ];
}
