import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kpis } from '../catalog';
import { ratio, statistic, type Kpi } from '../kpi';
import type { KpiPeriod } from '../period';
import { rowOf } from '../sql';
import { asOf, within } from './period-sql';

// 003 §8.1, the after-sales department's indicators, from the service tickets (003 §5).
//
// - first-response time (首次响应时间), median: the hours from a ticket's receipt to its
//   first response to the customer, over the tickets first answered in the period.
// - first response on time (按时首次响应率): the tickets whose response deadline (received
//   plus the policy's clock hours) fell in the period and has passed, or that were
//   answered; on time when answered by the deadline. A ticket still unanswered before its
//   deadline is not counted yet.
// - resolution time (平均解决时间): the mean hours from receipt to resolution of the
//   tickets resolved in the period.
// - service satisfaction (售后服务满意度): the mean survey score (1–5) of the tickets closed
//   in the period with a score.

interface Row {
  answered: number;
  median_hours: number | null;
  due: number;
  due_on_time: number;
  resolved: number;
  resolution_hours: number;
  surveyed: number;
  score_sum: number;
}

const hours = (from: string, to: string) => sql.raw(`extract(epoch from (${to} - ${from})) / 3600.0`);

export async function afterSalesKpis(db: Db, p: KpiPeriod): Promise<Kpi[]> {
  const r = await rowOf<Row>(
    db,
    sql`
      with answered as (
        select count(*)::int as answered,
          (percentile_cont(0.5) within group (order by ${hours('st.received_at', 'st.first_response_at')}))::float8 as median_hours
        from service_tickets st where ${within(sql`st.first_response_at`, p)}
      ), due as (
        select count(*)::int as due, count(*) filter (where st.first_response_at <= st.response_due_at)::int as due_on_time
        from service_tickets st
        where ${within(sql`st.response_due_at`, p)} and (st.first_response_at is not null or st.response_due_at <= ${asOf(p)})
      ), resolved as (
        select count(*)::int as resolved, coalesce(sum(${hours('st.received_at', 'st.resolved_at')}), 0)::float8 as resolution_hours
        from service_tickets st where ${within(sql`st.resolved_at`, p)}
      ), surveyed as (
        select count(*)::int as surveyed, coalesce(sum(st.satisfaction_score), 0)::int as score_sum
        from service_tickets st where st.satisfaction_score is not null and ${within(sql`st.closed_at`, p)}
      )
      select * from answered, due, resolved, surveyed`,
  );
  const afterSales = { department: 'after_sales' };
  return [
    statistic(kpis.first_response_median_hours, afterSales, r.median_hours, r.answered),
    ratio(kpis.first_response_on_time, afterSales, r.due_on_time, r.due),
    ratio(kpis.resolution_hours, afterSales, r.resolution_hours, r.resolved),
    ratio(kpis.service_satisfaction, afterSales, r.score_sum, r.surveyed),
  ];
}
