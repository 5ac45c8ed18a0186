import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kpis } from '../catalog';
import { count, ratio, type Kpi } from '../kpi';
import type { KpiPeriod } from '../period';
import { rowOf } from '../sql';
import { within } from './period-sql';

// 003 §8.1, the sales department's indicators.
//
// - orders received (订单获取数量): orders received in the period, whatever became of them.
// - on-time delivery (订单交付准时率): of the orders delivered in the period, those whose
//   delivery note was signed by the end of the working day (policy working hours, local
//   time) of the date promised in the order's current version; an agreed change moves
//   that date, a compensation plan for a late delivery does not (003 §4.1).
// - customer satisfaction (客户满意度): the mean score (1–5) of the satisfaction checks
//   customer service recorded in the period after acceptance (002 §2.2.3); a customer
//   who could not be reached gives no score.

interface Row {
  received: number;
  delivered: number;
  on_time: number;
  surveyed: number;
  score_sum: number;
}

export async function salesKpis(db: Db, p: KpiPeriod): Promise<Kpi[]> {
  const r = await rowOf<Row>(
    db,
    sql`
      select
        (select count(*) from orders o where ${within(sql`o.created_at`, p)})::int as received,
        (select count(*) from orders o where ${within(sql`o.delivered_at`, p)})::int as delivered,
        (select count(*) from orders o
          where ${within(sql`o.delivered_at`, p)}
            and o.delivered_at <= ((o.data->>'requestedDeliveryDate')::date + ${p.workdayEnd}::time) at time zone ${p.timeZone}
        )::int as on_time,
        s.surveyed, s.score_sum
      from (
        select count(*)::int as surveyed, coalesce(sum((t.data->>'score')::int), 0)::int as score_sum
        from tasks t
        where t.kind = 'satisfaction_check' and t.status = 'COMPLETED' and t.outcome = 'surveyed'
          and ${within(sql`t.completed_at`, p)}
      ) s`,
  );
  const sales = { department: 'sales' };
  return [
    count(kpis.orders_received, sales, r.received),
    ratio(kpis.on_time_delivery, sales, r.on_time, r.delivered),
    ratio(kpis.customer_satisfaction, sales, r.score_sum, r.surveyed),
  ];
}
