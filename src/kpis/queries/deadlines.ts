import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kpis, type KpiDefinition } from '../catalog';
import { ratio, type Kpi } from '../kpi';
import type { KpiPeriod } from '../period';
import { rowsOf } from '../sql';
import { asOf, within } from './period-sql';

// Deadline compliance per department, from the breaches the workflows record (000 §3.1,
// 003 §3.1, 003 §6.3).
//
// The tasks counted are those whose deadline fell in the period and is settled: the task
// was completed, or its deadline passed. A task cancelled before its deadline (the order
// was cancelled, a change made it stale) and a task still open before its deadline are
// not counted. A counted task kept its deadline when it was completed and no breach was
// recorded for it; one still open past its deadline did not.
//
// - review deadline compliance (评审按时完成率): review tasks of a review round and of a
//   change's re-review (`review`, `change_review`).
// - deadline compliance (任务按时完成率): every task of the department, escalations included.

interface Row {
  department: string;
  reviews_kept: number;
  reviews_settled: number;
  kept: number;
  settled: number;
}

const reviewKinds = sql`('review', 'change_review')`;

/** One pass over the period's deadlines, counting reviews and all tasks per department. */
async function complianceByDepartment(db: Db, p: KpiPeriod): Promise<Row[]> {
  return rowsOf<Row>(
    db,
    sql`
      select t.department,
        count(*) filter (where t.kind in ${reviewKinds} and b.task_id is null and t.status = 'COMPLETED')::int as reviews_kept,
        count(*) filter (where t.kind in ${reviewKinds})::int as reviews_settled,
        count(*) filter (where b.task_id is null and t.status = 'COMPLETED')::int as kept,
        count(*)::int as settled
      from tasks t
      left join deadline_breaches b on b.task_id = t.id
      where ${within(sql`t.due_at`, p)}
        and (b.task_id is not null or t.status = 'COMPLETED' or (t.status in ('OPEN', 'CLAIMED') and t.due_at <= ${asOf(p)}))
      group by t.department
      order by t.department`,
  );
}

/** One row per department that had deadlines, and one for each of `always` even without any. */
function perDepartment(def: KpiDefinition, counts: Map<string, [kept: number, settled: number]>, always: string[]): Kpi[] {
  const departments = [...new Set([...always, ...counts.keys()])].sort();
  if (departments.length === 0) return [ratio(def, { department: null }, 0, 0)];
  return departments.map((d) => ratio(def, { department: d }, counts.get(d)?.[0] ?? 0, counts.get(d)?.[1] ?? 0));
}

export async function deadlineKpis(db: Db, p: KpiPeriod, reviewDepartments: string[]): Promise<Kpi[]> {
  const rows = await complianceByDepartment(db, p);
  const reviews = new Map(
    rows.filter((r) => r.reviews_settled > 0).map((r) => [r.department, [r.reviews_kept, r.reviews_settled] as [number, number]]),
  );
  const all = new Map(rows.map((r) => [r.department, [r.kept, r.settled] as [number, number]]));
  return [
    ...perDepartment(kpis.review_deadline_compliance, reviews, reviewDepartments),
    ...perDepartment(kpis.deadline_compliance, all, []),
  ];
}
