import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kpis } from '../catalog';
import { count, ratio, type Kpi } from '../kpi';
import type { KpiPeriod } from '../period';
import { rowOf } from '../sql';
import { within } from './period-sql';

// 002 §6.2: the order-inspection indicators, each "count ÷ total orders × 100%".
//
// "Total orders" are the orders delivered in the period (the signed delivery note fell in
// it): by delivery an order's review, contract and execution are all on record, so
// whether its information held and its process was followed can be judged. Facts are
// taken as they stand when the figures are computed; a published month keeps them as
// they stood then.
//
// - 6.2.1 information accuracy: an order is accurate when its information (customer,
//   product and spec, quantity, price, date) stood as received: it was never revised in
//   renegotiation because reviewers could not accept it as written (a completed
//   `renegotiation` task answered `revise`), and the customer never rejected the delivery
//   as not what was ordered (a `customer_acceptance` answered `rejected`). A change the
//   customer asked for (000 §6) is not an inaccuracy.
// - 6.2.2 business compliance: an order is compliant when every department kept the
//   process: none of its tasks missed its deadline (no row in `deadline_breaches`) and no
//   inspection finding was logged against it (`inspection_issues`).
// - 6.2.3 complaint rate: the orders a customer complained about in the period (distinct
//   orders in `complaints` received in it) over the orders delivered in it. Complaints
//   come after delivery, so they are counted when they come, whichever month the order
//   was delivered in.
// - 6.2.4 risk event rate: the delivered orders that had a risk event (a claim, delay,
//   supply failure or quality problem in `risk_events`) at any time, over the delivered
//   orders; and the number of risk events that occurred in the period, on any order.

interface Row {
  delivered: number;
  accurate: number;
  compliant: number;
  with_risk: number;
  complained: number;
  events: number;
}

export async function orderInspectionKpis(db: Db, p: KpiPeriod): Promise<Kpi[]> {
  const r = await rowOf<Row>(
    db,
    sql`
      with delivered as (
        select o.order_no from orders o where ${within(sql`o.delivered_at`, p)}
      )
      select
        (select count(*) from delivered)::int as delivered,
        (select count(*) from delivered d
          where not exists (
            select 1 from tasks t
            where t.order_no = d.order_no and t.status = 'COMPLETED'
              and ((t.kind = 'renegotiation' and t.outcome = 'revise') or (t.kind = 'customer_acceptance' and t.outcome = 'rejected'))
          ))::int as accurate,
        (select count(*) from delivered d
          where not exists (select 1 from deadline_breaches b where b.order_no = d.order_no)
            and not exists (select 1 from inspection_issues i where i.order_no = d.order_no))::int as compliant,
        (select count(*) from delivered d
          where exists (select 1 from risk_events e where e.order_no = d.order_no))::int as with_risk,
        (select count(distinct c.order_no) from complaints c where ${within(sql`c.received_at`, p)})::int as complained,
        (select count(*) from risk_events e where ${within(sql`e.occurred_at`, p)})::int as events`,
  );
  const company = { department: null };
  return [
    ratio(kpis.information_accuracy, company, r.accurate, r.delivered),
    ratio(kpis.business_compliance, company, r.compliant, r.delivered),
    ratio(kpis.complaint_rate, company, r.complained, r.delivered),
    ratio(kpis.risk_event_rate, company, r.with_risk, r.delivered),
    count(kpis.risk_events, company, r.events),
  ];
}
