import { checkAccuracy } from './accuracy';
import { checkCompliance } from './compliance';
import type { CheckContext, CheckName, Finding, OrderFacts } from './facts';
import { checkProgress } from './progress';
import { checkRisk } from './risk';
import { checkSatisfaction } from './satisfaction';

export * from './facts';
export { checkAccuracy, checkCompliance, checkProgress, checkRisk, checkSatisfaction };

export const checks: Record<CheckName, (f: OrderFacts, ctx: CheckContext) => Finding[]> = {
  accuracy: checkAccuracy,
  compliance: checkCompliance,
  risk: checkRisk,
  satisfaction: checkSatisfaction,
  progress: checkProgress,
};

/** Every finding the named checks raise on the orders, in a stable order. */
export function runChecks(names: readonly CheckName[], orders: OrderFacts[], ctx: CheckContext): Finding[] {
  return orders.flatMap((f) => names.flatMap((name) => checks[name](f, ctx)));
}
