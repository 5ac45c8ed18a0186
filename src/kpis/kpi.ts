import type { KpiDefinition } from './catalog';

// One figure of a KPI report, as GET /kpis and the monthly reports publish it.

export type KpiUnit = 'percent' | 'hours' | 'count' | 'score';

export interface Kpi {
  /** The KPI's id; a person's figure is `<id>@<sub>`. */
  id: string;
  name: string;
  clause: string;
  department: string | null;
  unit: KpiUnit;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Why there is no value: nothing to count in the period. */
  reason?: string;
}

/** Whose figure it is: the company's, a department's, or one person's within a department. */
export interface KpiScope {
  department: string | null;
  person?: { sub: string; name: string | null };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function base(def: KpiDefinition, scope: KpiScope): Pick<Kpi, 'id' | 'name' | 'clause' | 'department' | 'unit'> {
  const { person } = scope;
  return {
    id: person ? `${def.id}@${person.sub}` : def.id,
    name: person ? `${def.name} · ${person.name ?? person.sub}` : def.name,
    clause: def.clause,
    department: scope.department,
    unit: def.unit,
  };
}

/**
 * A figure from its numerator and denominator: a percentage (× 100), or a mean (hours,
 * score). A zero denominator has no value, and says why.
 */
export function ratio(def: KpiDefinition, scope: KpiScope, numerator: number, denominator: number): Kpi {
  if (denominator === 0) return { ...base(def, scope), value: null, numerator: null, denominator: 0, reason: def.empty };
  const value = def.unit === 'percent' ? (numerator / denominator) * 100 : numerator / denominator;
  return { ...base(def, scope), value: round2(value), numerator: round2(numerator), denominator };
}

/** A count has no denominator: the count is its value and its numerator. */
export function count(def: KpiDefinition, scope: KpiScope, n: number): Kpi {
  return { ...base(def, scope), value: n, numerator: n, denominator: null };
}

/** A statistic such as a median: its value over `of` cases; none without cases. */
export function statistic(def: KpiDefinition, scope: KpiScope, value: number | null, of: number): Kpi {
  if (of === 0 || value === null) return { ...base(def, scope), value: null, numerator: null, denominator: 0, reason: def.empty };
  return { ...base(def, scope), value: round2(value), numerator: null, denominator: of };
}
