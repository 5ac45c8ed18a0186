// The KPI answer of GET /kpis and GET /kpis/reports/:month, and how the page groups it.

export type KpiUnit = 'percent' | 'hours' | 'count' | 'score';

export interface Kpi {
  id: string;
  name: string;
  clause: string;
  department: string | null;
  unit: KpiUnit;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reason?: string;
}

export interface KpiAnswer {
  from: string;
  to: string;
  timeZone: string;
  department: string | null;
  kpis: Kpi[];
}

/** One chart per unit, in a stable order; a chart never mixes percent with hours. */
export function byUnit(kpis: Kpi[]): [KpiUnit, Kpi[]][] {
  const order: KpiUnit[] = ['percent', 'hours', 'count', 'score'];
  return order.map((u) => [u, kpis.filter((k) => k.unit === u)] as [KpiUnit, Kpi[]]).filter(([, list]) => list.length > 0);
}

export function formatValue(k: Pick<Kpi, 'value' | 'unit'>): string {
  if (k.value === null) return '—';
  const rounded = Math.round(k.value * 100) / 100;
  return k.unit === 'percent' ? `${rounded}%` : String(rounded);
}
