import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Policy } from '../../workflows/policy';
import type { Kpi } from './kpi';
import type { KpiPeriod } from './period';
import { afterSalesKpis } from './queries/after-sales';
import { deadlineKpis } from './queries/deadlines';
import { operationsKpis } from './queries/operations';
import { orderInspectionKpis } from './queries/order-inspection';
import { salesKpis } from './queries/sales';
import { urgentKpis } from './queries/urgent';

// Every KPI of the policies over one period, each computed by one SQL query over the
// projections. The order is stable: the policies' order, then department, then person.

export async function computeKpis(db: Db, policy: Policy, p: KpiPeriod): Promise<Kpi[]> {
  const reviewDepartments = [...policy.review.routineDepartments, ...policy.review.complexExtraDepartments];
  // One snapshot for every figure, so that they agree with each other. Compiling these
  // short aggregates just in time costs more than running them; sorting and hashing a
  // month's rows wants more memory than a single lookup.
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      await tx.execute(sql`set local work_mem = '32MB'`);
      const parts: Kpi[][] = [];
      parts.push(await orderInspectionKpis(tx, p));
      parts.push(await salesKpis(tx, p));
      parts.push(await operationsKpis(tx, p));
      parts.push(await afterSalesKpis(tx, p));
      parts.push(await deadlineKpis(tx, p, reviewDepartments));
      parts.push(await urgentKpis(tx, p));
      return parts.flat();
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The figures a reader may see of a list: the company's, and those of the departments given (all when undefined). */
export function forDepartments(list: Kpi[], departments: readonly string[] | undefined, only?: string): Kpi[] {
  return list.filter((k) => {
    if (only !== undefined) return k.department === only;
    return k.department === null || departments === undefined || departments.includes(k.department);
  });
}
