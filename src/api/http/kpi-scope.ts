import { allows, isHeadOf, memberDepartments } from '../../../workflows/access';
import type { Actor } from '../../../workflows/order/types';
import { ApiError } from '../../orders/errors';
import { requireAllowed } from './access';

// Whose KPI figures a reader sees: auditors, admins and management every department's;
// a head the company's and those of the departments they head. Anyone else is refused.

export interface KpiReadScope {
  /** The departments whose figures may be shown; undefined for all. */
  departments: readonly string[] | undefined;
  /** The one department asked for, if any. */
  only?: string;
}

export function kpiScope(actor: Actor, department?: string): KpiReadScope {
  requireAllowed(actor, 'readKpis', 'auditors, admins, management and department heads read KPIs');
  const departments = allows(actor, 'readAllKpis') ? undefined : memberDepartments(actor).filter((d) => isHeadOf(actor, d));
  if (department !== undefined && departments !== undefined && !departments.includes(department)) {
    throw new ApiError(403, 'FORBIDDEN', `only auditors, admins, management and the head of ${department} read its KPIs`);
  }
  return { departments, only: department };
}
