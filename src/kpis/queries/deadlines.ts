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
  kept: number;
  settled: number;
}

async function complianceByDepartment(db: Db, p: KpiPeriod, kinds: string[] | undefined): Promise<Row[]> {
  const kindFilter = kinds
    ? sql`and t.kind in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`
    : sql``;
  return rowsOf<Row>(
    db,
    sql`
      select t.department,
        count(*) filter (where b.task_id is null and t.status = 'COMPLETED')::int as kept,
        count(*)::int as settled
      from tasks t
      left join deadline_breaches b on b.task_id = t.id
      where ${within(sql`t.due_at`, p)} ${kindFilter}
        and (b.task_id is not null or t.status = 'COMPLETED' or (t.status in ('OPEN', 'CLAIMED') and t.due_at <= ${asOf(p)}))
      group by t.department
      order by t.department`,
  );
}

/** One row per department that had deadlines, and one for each of `always` even without any. */
function perDepartment(def: KpiDefinition, rows: Row[], always: string[]): Kpi[] {
  const byDepartment = new Map(rows.map((r) => [r.department, r]));
  const departments = [...new Set([...always, ...rows.map((r) => r.department)])].sort();
  if (departments.length === 0) return [ratio(def, { department: null }, 0, 0)];
  return departments.map((d) => ratio(def, { department: d }, byDepartment.get(d)?.kept ?? 0, byDepartment.get(d)?.settled ?? 0));
}

export async function deadlineKpis(db: Db, p: KpiPeriod, reviewDepartments: string[]): Promise<Kpi[]> {
  const [reviews, all] = await Promise.all([
    complianceByDepartment(db, p, ['review', 'change_review']),
    complianceByDepartment(db, p, undefined),
  ]);
  return [
    ...perDepartment(kpis.review_deadline_compliance, reviews, reviewDepartments),
    ...perDepartment(kpis.deadline_compliance, all, []),
  ];
}
