import type { Kpi } from '../../src/kpis/kpi';

// 003 §6.3: each monitored indicator against its warning threshold. Pure, so that the daily
// check decides in the workflow and replays alike.

/** A threshold of the policy: the alert fires when the value falls below `below` or rises above `above`. */
export interface AlertThreshold {
  kpi: string;
  /** The department's figure; when unset, the company's figure, or the KPI's only one. */
  department?: string;
  below?: number;
  above?: number;
}

export interface KpiReading {
  kpi: string;
  /** '' for the company's figure. */
  department: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  threshold: AlertThreshold;
  /** The value is past the threshold; unknown values (nothing to count) never are. */
  crossed: boolean;
}

/** The one figure a threshold watches among a report's figures. */
export function watchedFigure(kpis: Kpi[], t: AlertThreshold): Kpi | undefined {
  const rows = kpis.filter((k) => k.id === t.kpi);
  if (t.department !== undefined) return rows.find((k) => k.department === t.department);
  return rows.find((k) => k.department === null) ?? (rows.length === 1 ? rows[0] : undefined);
}

export function isCrossed(value: number | null, t: AlertThreshold): boolean {
  if (value === null) return false;
  if (t.below !== undefined) return value < t.below;
  return t.above !== undefined && value > t.above;
}

export function readingsOf(kpis: Kpi[], thresholds: AlertThreshold[]): KpiReading[] {
  return thresholds.flatMap((t) => {
    const k = watchedFigure(kpis, t);
    if (!k) return [];
    return [
      {
        kpi: t.kpi,
        department: k.department ?? '',
        name: k.name,
        value: k.value,
        numerator: k.numerator,
        denominator: k.denominator,
        threshold: t,
        crossed: isCrossed(k.value, t),
      },
    ];
  });
}
