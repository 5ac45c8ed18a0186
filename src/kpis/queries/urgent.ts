import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kpis } from '../catalog';
import { ratio, type Kpi, type KpiScope } from '../kpi';
import type { KpiPeriod } from '../period';
import { rowsOf } from '../sql';
import { within } from './period-sql';

// 001 §6.1: urgent orders scored on processing time, quality, cost and satisfaction, for
// the company, per department and per person (whoever completed the tasks). The orders
// scored are the urgent orders received in the period, as GET /kpis/urgent lists them.
//
// - order processing time (紧急订单处理时间): the mean hours from receipt to the signed
//   delivery note, over those of the orders already delivered.
// - task processing time (紧急订单任务处理时间): the mean hours from a task's opening to its
//   completion, over the tasks completed on the orders, by the department and the person
//   who completed them.
// - quality (一次检验合格率): the orders that passed their first final inspection, over
//   those that had one.
// - cost (额外成本占比): the extra cost agreed in urgent negotiations (`add_resources`)
//   over the orders' value (quantity × unit price of the current version), in percent.
// - satisfaction (客户满意度): the mean of each order's score: the satisfaction check's
//   (002 §2.2.3), or for orders without one the score given at acceptance.
// Quality, cost and satisfaction are outcomes of whole orders: a department or a person
// is scored on the orders it completed at least one task on.

interface OutcomeRow {
  level: 'company' | 'department' | 'person';
  department: string | null;
  sub: string | null;
  name: string | null;
  orders: number;
  delivered: number;
  order_hours: number;
  inspected: number;
  passed: number;
  extra_cost: number;
  order_value: number;
  rated: number;
  satisfaction: number;
}

interface TaskRow {
  level: number;
  department: string | null;
  sub: string | null;
  name: string | null;
  tasks: number;
  hours: number;
}

const urgentOrders = (p: KpiPeriod) => sql`
  u as (
    select o.order_no, o.created_at, o.delivered_at,
      (select coalesce(sum((i->>'quantity')::float8 * (i->>'unitPrice')::float8), 0) from jsonb_array_elements(o.data->'items') i) as order_value
    from orders o where o.urgent and ${within(sql`o.created_at`, p)}
  )`;

async function outcomes(db: Db, p: KpiPeriod): Promise<OutcomeRow[]> {
  return rowsOf<OutcomeRow>(
    db,
    sql`
      with ${urgentOrders(p)}, outcome as (
        select u.order_no, u.order_value,
          extract(epoch from (u.delivered_at - u.created_at)) / 3600.0 as order_hours,
          (select t.outcome from tasks t
            where t.order_no = u.order_no and t.kind = 'final_inspection' and t.round = 1 and t.status = 'COMPLETED'
            order by t.completed_at limit 1) as first_inspection,
          (select coalesce(sum((t.data->>'extraCost')::float8), 0) from tasks t
            where t.order_no = u.order_no and t.kind = 'urgent_negotiation' and t.outcome = 'add_resources' and t.status = 'COMPLETED') as extra_cost,
          coalesce(
            (select (t.data->>'score')::float8 from tasks t
              where t.order_no = u.order_no and t.kind = 'satisfaction_check' and t.outcome = 'surveyed' and t.status = 'COMPLETED'
              order by t.completed_at desc, t.id desc limit 1),
            (select (t.data->>'satisfaction')::float8 from tasks t
              where t.order_no = u.order_no and t.kind = 'customer_acceptance' and t.outcome = 'accepted' and t.status = 'COMPLETED'
                and t.data ? 'satisfaction'
              order by t.completed_at desc, t.id desc limit 1)
          ) as satisfaction
        from u
      ), team as (
        select t.order_no, t.department, t.completed_by as sub, max(t.completed_by_name) as name
        from tasks t join u on u.order_no = t.order_no
        where t.status = 'COMPLETED'
        group by t.order_no, t.department, t.completed_by
      ), scored as (
        select 'company' as level, null::text as department, null::text as sub, null::text as name, o.* from outcome o
        union all
        select 'department', d.department, null, null, o.* from (select distinct order_no, department from team) d join outcome o on o.order_no = d.order_no
        union all
        select 'person', m.department, m.sub, m.name, o.* from team m join outcome o on o.order_no = m.order_no where m.sub is not null
      )
      select s.level, s.department, s.sub, max(s.name) as name,
        count(*)::int as orders,
        count(s.order_hours)::int as delivered, coalesce(sum(s.order_hours), 0)::float8 as order_hours,
        count(s.first_inspection)::int as inspected, count(*) filter (where s.first_inspection = 'pass')::int as passed,
        coalesce(sum(s.extra_cost), 0)::float8 as extra_cost, coalesce(sum(s.order_value), 0)::float8 as order_value,
        count(s.satisfaction)::int as rated, coalesce(sum(s.satisfaction), 0)::float8 as satisfaction
      from scored s
      group by s.level, s.department, s.sub
      order by s.department nulls first, s.level, s.sub`,
  );
}

async function taskHours(db: Db, p: KpiPeriod): Promise<TaskRow[]> {
  return rowsOf<TaskRow>(
    db,
    sql`
      with ${urgentOrders(p)}
      select grouping(t.department, t.completed_by)::int as level, t.department, t.completed_by as sub, max(t.completed_by_name) as name,
        count(*)::int as tasks, coalesce(sum(extract(epoch from (t.completed_at - t.created_at)) / 3600.0), 0)::float8 as hours
      from tasks t join u on u.order_no = t.order_no
      where t.status = 'COMPLETED' and t.completed_at is not null
      group by grouping sets ((), (t.department), (t.department, t.completed_by))
      order by t.department nulls first, level desc, t.completed_by`,
  );
}

const scopeOf = (r: { department: string | null; sub: string | null; name: string | null }): KpiScope =>
  r.sub ? { department: r.department, person: { sub: r.sub, name: r.name } } : { department: r.department };

export async function urgentKpis(db: Db, p: KpiPeriod): Promise<Kpi[]> {
  const [rows, tasks] = await Promise.all([outcomes(db, p), taskHours(db, p)]);
  // An empty period still shows the company's figures, each with its reason.
  const company = rows.find((r) => r.level === 'company') ?? { ...emptyOutcome, level: 'company' };
  const results: Kpi[] = [ratio(kpis.urgent_order_hours, { department: null }, company.order_hours, company.delivered)];
  for (const r of [company, ...rows.filter((x) => x.level !== 'company')]) {
    const scope = scopeOf(r);
    results.push(
      ratio(kpis.urgent_first_pass, scope, r.passed, r.inspected),
      ratio(kpis.urgent_extra_cost, scope, r.extra_cost, r.order_value),
      ratio(kpis.urgent_satisfaction, scope, r.satisfaction, r.rated),
    );
  }
  const hours = tasks.filter((t) => t.level !== 0 || t.sub);
  if (!hours.some((t) => t.level === 3)) hours.unshift({ level: 3, department: null, sub: null, name: null, tasks: 0, hours: 0 });
  for (const t of hours) results.push(ratio(kpis.urgent_task_hours, scopeOf(t), t.hours, t.tasks));
  return results;
}

const emptyOutcome: Omit<OutcomeRow, 'level'> = {
  department: null,
  sub: null,
  name: null,
  orders: 0,
  delivered: 0,
  order_hours: 0,
  inspected: 0,
  passed: 0,
  extra_cost: 0,
  order_value: 0,
  rated: 0,
  satisfaction: 0,
};
