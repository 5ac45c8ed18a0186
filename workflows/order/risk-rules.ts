import type { Policy } from '../policy';
import type { RiskAssessment, RiskDimension, RiskFacts, RiskLevel } from './types';

// The risk rules of 000 §7, 001 §8 and 003 §6. Pure: the workflow calls this at intake, on
// each change and on each exception, with the thresholds of its pinned policy.

type Rated = { level: RiskLevel; reasons: string[] };

export const riskDimensions: readonly RiskDimension[] = ['credit', 'change', 'delivery', 'quality', 'cost'];

const rank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** The order in which equally rated dimensions claim the risk plan: money and dates first. */
export const ownerPrecedence: readonly RiskDimension[] = ['credit', 'delivery', 'quality', 'cost', 'change'];

/** The owner when no dimension is above low, or the policy names no owner for the dimension. */
export const defaultRiskOwner = 'sales';

const worst = (levels: RiskLevel[]): RiskLevel => levels.reduce((a, b) => (rank[b] > rank[a] ? b : a), 'low' as RiskLevel);

function credit(facts: RiskFacts): Rated {
  const reasons: string[] = [];
  if (facts.overduePayments) reasons.push('customer has overdue payments');
  if (facts.newCustomer) reasons.push('new customer without payment history');
  if (reasons.length === 0) return { level: 'low', reasons: ['known customer without overdue payments'] };
  return { level: facts.overduePayments ? 'high' : 'medium', reasons };
}

function change(r: Policy['risk'], facts: RiskFacts): Rated {
  const n = facts.changeCount;
  if (n >= r.changesHigh) return { level: 'high', reasons: [`${n} changes ≥ high threshold ${r.changesHigh}`] };
  if (n >= r.changesMedium) return { level: 'medium', reasons: [`${n} changes ≥ medium threshold ${r.changesMedium}`] };
  return { level: 'low', reasons: [`${n} changes < medium threshold ${r.changesMedium}`] };
}

function delivery(policy: Policy, facts: RiskFacts): Rated {
  const { normalLeadTimeWorkingDays: normal, exceptionsHigh } = policy.risk;
  const urgent = policy.urgent.leadTimeWorkingDays;
  const days = facts.leadTimeWorkingDays;
  const found: Rated[] = [];
  if (days <= urgent) found.push({ level: 'high', reasons: [`lead time ${days} working days ≤ urgent threshold ${urgent}`] });
  else if (days < normal) found.push({ level: 'medium', reasons: [`lead time ${days} working days < normal lead time ${normal}`] });
  if (facts.openExceptions >= exceptionsHigh) {
    found.push({ level: 'high', reasons: [`${facts.openExceptions} open exceptions ≥ high threshold ${exceptionsHigh}`] });
  }
  if (found.length === 0) return { level: 'low', reasons: [`lead time ${days} working days ≥ normal lead time ${normal}`] };
  return { level: worst(found.map((f) => f.level)), reasons: found.flatMap((f) => f.reasons) };
}

/** The policy keywords found in the requirements, case-insensitively; blank keywords never match. */
export function strictQualityKeywordsIn(policy: Policy, requirements: string | undefined): string[] {
  const text = (requirements ?? '').toLowerCase();
  if (!text) return [];
  return policy.risk.strictQualityKeywords.filter((k) => k.trim() !== '' && text.includes(k.toLowerCase()));
}

function quality(policy: Policy, facts: RiskFacts): Rated {
  const matched = strictQualityKeywordsIn(policy, facts.qualityRequirements);
  const reasons: string[] = [];
  if (facts.newProduct) reasons.push('new product or technology (complex order)');
  if (matched.length > 0) reasons.push(`strict quality requirements (${matched.join(', ')})`);
  if (reasons.length === 0) return { level: 'low', reasons: ['known product with standard quality requirements'] };
  return { level: reasons.length === 2 ? 'high' : 'medium', reasons };
}

function cost(r: Policy['risk'], facts: RiskFacts): Rated {
  const m = facts.marginPct;
  // Finance states the margin in its review; until then there is nothing to rate.
  if (m === undefined) return { level: 'low', reasons: ['margin not yet assessed'] };
  if (m < r.marginHighPct) return { level: 'high', reasons: [`margin ${m}% < high threshold ${r.marginHighPct}%`] };
  if (m < r.marginMediumPct) return { level: 'medium', reasons: [`margin ${m}% < medium threshold ${r.marginMediumPct}%`] };
  return { level: 'low', reasons: [`margin ${m}% ≥ medium threshold ${r.marginMediumPct}%`] };
}

/**
 * Rates each dimension and the order as a whole.
 *
 * Overall level: the worst dimension. Any high makes the order high and any medium makes it
 * medium; several mediums do not add up to high, since a high level is what opens a risk plan
 * and that should rest on one concrete finding.
 *
 * Owner: the department the policy names for the worst-rated dimension, equal ratings going
 * by `ownerPrecedence`. With every dimension low there is no plan to own and sales, which owns
 * the order, is named.
 */
export function assessRisk(
  policy: Policy,
  facts: RiskFacts,
  meta: { id: string; orderNo: string; trigger: RiskAssessment['trigger']; at: string },
): RiskAssessment {
  const dimensions: Record<RiskDimension, Rated> = {
    credit: credit(facts),
    change: change(policy.risk, facts),
    delivery: delivery(policy, facts),
    quality: quality(policy, facts),
    cost: cost(policy.risk, facts),
  };
  const level = worst(ownerPrecedence.map((d) => dimensions[d].level));
  let ownerDepartment = defaultRiskOwner;
  if (level !== 'low') {
    const top = ownerPrecedence.find((d) => dimensions[d].level === level)!;
    ownerDepartment = policy.risk.owners[top] ?? defaultRiskOwner;
  }
  return {
    id: meta.id,
    orderNo: meta.orderNo,
    trigger: meta.trigger,
    level,
    dimensions,
    ownerDepartment,
    assessedAt: meta.at,
  };
}
