import type { Sql } from 'postgres';

// A year of orders for the KPI benchmark, generated in SQL: 2026, received evenly, each
// order with the tasks of the routine process (five reviews, contract, plan, materials, two
// milestones, final inspection, packaging to transport, acceptance, satisfaction check,
// summary), its production plan, and breaches, risk events, complaints, tracking and
// service tickets on a share of the orders. One in twenty is urgent.

const steps: [kind: string, department: string, day: number][] = [
  ['review', 'production', 1],
  ['review', 'procurement', 1],
  ['review', 'engineering', 1],
  ['review', 'quality', 1],
  ['review', 'finance', 1],
  ['contract_draft', 'sales', 3],
  ['contract_review', 'legal', 5],
  ['contract_signature', 'sales', 7],
  ['production_plan', 'production', 9],
  ['material_purchase', 'procurement', 11],
  ['incoming_inspection', 'quality', 15],
  ['material_receipt', 'warehouse', 16],
  ['milestone', 'production', 25],
  ['milestone', 'production', 35],
  ['final_inspection', 'quality', 37],
  ['packaging', 'warehouse', 38],
  ['shipping_plan', 'sales', 39],
  ['dispatch', 'warehouse', 40],
  ['transport', 'logistics', 42],
  ['customer_acceptance', 'sales', 44],
  ['satisfaction_check', 'customer_service', 46],
  ['post_order_summary', 'sales', 48],
];

export async function loadBenchData(sql: Sql, orders: number): Promise<Record<string, number>> {
  const minutesApart = (365 * 24 * 60) / orders;
  await sql.unsafe(`
    insert into orders (order_no, workflow_id, status, kind, urgent, urgent_rules, customer_id, customer_name, data, policy_version,
                        start_input, workflow_started, delivered_at, created_by, created_at, updated_at)
    select 'SO-B-' || i, 'order-SO-B-' || i,
      case when i % 10 = 0 then 'IN_PRODUCTION' when i % 97 = 0 then 'CANCELLED' else 'CLOSED' end,
      'routine', i % 20 = 0, '[]'::jsonb, 'CUST-' || (i % 500), 'Customer ' || (i % 500),
      jsonb_build_object('requestedDeliveryDate', to_char(r + interval '43 days', 'YYYY-MM-DD'),
                         'items', jsonb_build_array(jsonb_build_object('sku', 'VB-' || (i % 50), 'quantity', 10 + i % 90, 'unitPrice', 100 + i % 400))),
      'bench', '{}'::jsonb, true,
      case when i % 10 = 0 then null else r + interval '42 days' + (i % 5) * interval '12 hours' end,
      'sally', r, r
    from (select i, timestamptz '2026-01-01 00:00+08' + (i * ${minutesApart}) * interval '1 minute' as r
          from generate_series(1, ${orders}) i) o`);
  const stepValues = steps.map(([k, d, day], n) => `(${n}, '${k}', '${d}', ${day})`).join(', ');
  await sql.unsafe(`
    insert into tasks (id, order_no, department, kind, step, round, title, status, priority, due_at, overdue, outcomes, context,
                       outcome, data, created_at, completed_at, completed_by, completed_by_name)
    select o.order_no || '.' || s.n || '.' || s.department, o.order_no, s.department, s.kind, s.kind, 1, s.kind,
      case when o.delivered_at is null and s.day > 30 then 'OPEN' else 'COMPLETED' end,
      case when o.urgent then 1 else 0 end,
      o.created_at + s.day * interval '1 day', (hashtext(o.order_no || s.n) % 20 = 0), '[]'::jsonb,
      case when s.kind = 'milestone' then jsonb_build_object('milestone', jsonb_build_object('name', 'm' || s.n, 'plannedDate', to_char(o.created_at + s.day * interval '1 day', 'YYYY-MM-DD'))) end,
      case s.kind when 'final_inspection' then (case when hashtext(o.order_no) % 25 = 0 then 'fail' else 'pass' end)
                  when 'satisfaction_check' then 'surveyed' else 'done' end,
      case s.kind when 'satisfaction_check' then jsonb_build_object('score', 1 + abs(hashtext(o.order_no)) % 5)
                  when 'milestone' then jsonb_build_object('completedOn', to_char(o.created_at + (s.day + abs(hashtext(o.order_no)) % 3 - 1) * interval '1 day', 'YYYY-MM-DD'))
                  else null end,
      o.created_at + (s.day - 1) * interval '1 day',
      case when o.delivered_at is null and s.day > 30 then null else o.created_at + (s.day - 1) * interval '1 day' + (abs(hashtext(o.order_no || s.n)) % 40) * interval '1 hour' end,
      s.department || '-' || (abs(hashtext(o.order_no)) % 8), initcap(s.department) || ' ' || (abs(hashtext(o.order_no)) % 8)
    from orders o cross join (values ${stepValues}) s(n, kind, department, day)`);
  await sql.unsafe(`
    insert into deadline_breaches (task_id, order_no, department, kind, due_at, detected_at)
    select id, order_no, department, kind, due_at, due_at from tasks where overdue`);
  await sql.unsafe(`
    insert into production_plans (order_no, revision, plan, created_by, created_at)
    select order_no, 1, jsonb_build_object('batches', '[]'::jsonb, 'milestones', jsonb_agg(context->'milestone' order by id)), 'pete', min(created_at)
    from tasks where kind = 'milestone' group by order_no`);
  await sql.unsafe(`
    insert into risk_events (id, order_no, type, description, occurred_at)
    select order_no || '.risk', order_no, 'delay', 'late material', created_at + interval '20 days' from orders where abs(hashtext(order_no)) % 10 = 0`);
  await sql.unsafe(`
    insert into complaints (id, order_no, received_at)
    select order_no || '.complaint', order_no, delivered_at + interval '5 days' from orders where delivered_at is not null and abs(hashtext(order_no)) % 50 = 0`);
  await sql.unsafe(`
    insert into notifications (id, order_no, topic, audience, channel, subject, body, status, created_at)
    select order_no || '.tracking.t1.sales', order_no, 'tracking', 'sales', 'feed', 'tracking',
      case when abs(hashtext(order_no)) % 10 = 0 then '{"location":"Ningbo","delay":{"reason":"storm"}}'::jsonb else '{"location":"Ningbo"}'::jsonb end,
      'SENT', created_at + interval '41 days' from orders`);
  await sql.unsafe(`
    insert into service_tickets (id, order_no, category, status, problem, received_at, response_due_at, first_response_at, resolved_at,
                                 satisfaction_score, closed_at, created_by)
    select 'TK-' || order_no, order_no, 'quality', 'CLOSED', 'leaks', delivered_at + interval '10 days', delivered_at + interval '11 days',
      delivered_at + interval '10 days' + (abs(hashtext(order_no)) % 36) * interval '1 hour', delivered_at + interval '13 days',
      1 + abs(hashtext(order_no)) % 5, delivered_at + interval '14 days', 'cora'
    from orders where delivered_at is not null and abs(hashtext(order_no)) % 10 = 1`);
  const [row] = await sql`select (select count(*) from orders)::int as orders, (select count(*) from tasks)::int as tasks`;
  return row;
}
