import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { kpiAlertStates, notifications } from '../db/schema';
import type { KpiReading } from '../../workflows/kpi/thresholds';

// Once per crossing (003 §6.3): management is told when an indicator crosses its threshold,
// not again while it stays past it, and again when it crosses anew after recovering. The
// state of each indicator is one row, changed under its lock with the notice, so a retried
// or concurrent check tells no one twice.

export interface ReadingWindow {
  from: string;
  to: string;
  at: Date;
}

const label = (r: KpiReading) => `${r.kpi}${r.department ? `/${r.department}` : ''}`;

function notice(r: KpiReading, crossing: number, w: ReadingWindow): typeof notifications.$inferInsert {
  const { below, above } = r.threshold;
  const limit = below !== undefined ? `below ${below}` : `above ${above}`;
  return {
    id: `kpi-alert.${r.kpi}.${r.department || 'company'}.${crossing}`,
    orderNo: null,
    topic: 'kpi_alert',
    audience: 'management',
    channel: 'feed',
    subject: `KPI alert: ${r.name}${r.department ? ` (${r.department})` : ''} is ${r.value}, ${limit} (${w.from} to ${w.to})`,
    body: { ...r, crossing, from: w.from, to: w.to },
    status: 'SENT',
    createdAt: w.at,
    sentAt: w.at,
  };
}

/** Records one reading; true when it is a new crossing and management was told. */
async function record(db: Db, r: KpiReading, w: ReadingWindow): Promise<boolean> {
  return db.transaction(async (tx) => {
    const key = and(eq(kpiAlertStates.kpi, r.kpi), eq(kpiAlertStates.department, r.department));
    await tx
      .insert(kpiAlertStates)
      .values({ kpi: r.kpi, department: r.department, threshold: { ...r.threshold }, checkedAt: w.at })
      .onConflictDoNothing();
    const [state] = await tx.select().from(kpiAlertStates).where(key).for('update');
    const checked = { value: r.value, threshold: { ...r.threshold }, checkedAt: w.at };
    // Nothing to count says nothing about the threshold: the state stays as it was.
    if (r.value === null || r.crossed === state.crossed) {
      await tx.update(kpiAlertStates).set(checked).where(key);
      return false;
    }
    const crossings = r.crossed ? state.crossings + 1 : state.crossings;
    await tx
      .update(kpiAlertStates)
      .set({ ...checked, crossed: r.crossed, crossings, changedAt: w.at })
      .where(key);
    if (!r.crossed) return false;
    await tx
      .insert(notifications)
      .values(notice(r, crossings, w))
      .onConflictDoNothing({ target: notifications.id });
    return true;
  });
}

/** Records a check's readings; answers the indicators that crossed their thresholds in it. */
export async function recordReadings(db: Db, readings: KpiReading[], w: ReadingWindow): Promise<string[]> {
  const alerted: string[] = [];
  for (const r of readings) if (await record(db, r, w)) alerted.push(label(r));
  return alerted;
}
