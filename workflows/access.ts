import type { Actor, Role } from './order/types';

// Who may read and do what with order data (DESIGN §7.13, 003 §7): one table of rules,
// pure, so that the API and the workflow's Update validators decide alike.

/** Who a rule lets in: any one of the listed conditions suffices. */
export interface AccessRule {
  /** Holders of any of these roles. */
  roles?: readonly Role[];
  /** Members (staff or head) of any of these departments. */
  departments?: readonly string[];
  /** Heads of any of these departments. */
  headsOf?: readonly string[];
  /** The head of any department. */
  anyHead?: boolean;
  /** Members of the department the thing belongs to (a task's, an exception's). */
  ownDepartment?: boolean;
  /** The head of the department the thing belongs to. */
  ownDepartmentHead?: boolean;
  /** Members of a department that has or had a task on the order. */
  orderDepartments?: boolean;
  /** Members of a department the thing is shared with by the policy (the production plan). */
  sharedDepartments?: boolean;
  /** The person who claimed the task. */
  claimer?: boolean;
  /** A change to the order: auditors never pass, whatever else the rule says. */
  write?: boolean;
}

export const accessRules = {
  /** An order and every part of it; everyone else is told it does not exist. */
  readOrder: { roles: ['auditor', 'admin'], departments: ['sales', 'sales_admin', 'management'], orderDepartments: true },
  /** A task's data, comment and context; others see that the step happened, when and by whom. */
  readTaskData: {
    roles: ['auditor', 'admin'],
    departments: ['management'],
    headsOf: ['sales'],
    ownDepartment: true,
    sharedDepartments: true,
  },
  /** The customer's e-mail, addresses and callback. */
  readCustomerContact: {
    roles: ['auditor', 'admin'],
    departments: ['sales', 'sales_admin', 'customer_service', 'logistics', 'after_sales'],
  },
  /** Every department's inbox and feed, and the customer outbox. */
  readAllInboxes: { roles: ['auditor', 'admin'] },
  readKpis: { roles: ['auditor', 'admin'], departments: ['management'], anyHead: true },
  /** Every department's figures; a head reads the company's and their own departments'. */
  readAllKpis: { roles: ['auditor', 'admin'], departments: ['management'] },
  /** Spare-part stock (003 §5.2.3). */
  readSpareParts: { roles: ['auditor', 'admin'], departments: ['after_sales', 'procurement', 'warehouse', 'management'] },

  receiveOrder: { departments: ['sales', 'sales_admin'], write: true },
  cancelOrder: { departments: ['sales', 'sales_admin'], roles: ['admin'], write: true },
  requestProgressReport: { departments: ['sales', 'sales_admin'], write: true },
  requestChange: { departments: ['sales'], write: true },
  /** The thing is the reporting department. */
  reportException: { ownDepartment: true, write: true },
  /** The thing is the exception's department. */
  resolveException: { ownDepartment: true, departments: ['sales'], write: true },
  recordTracking: { departments: ['logistics'], write: true },
  /** Claim and complete. */
  workOnTask: { ownDepartment: true, write: true },
  unclaimTask: { claimer: true, ownDepartmentHead: true, write: true },
  assignTask: { ownDepartmentHead: true, write: true },
  /** 002: the issue log and inspection runs; a department sees its own issues and the runs it inspects. */
  readInspections: { roles: ['auditor', 'admin'], departments: ['management', 'audit'], ownDepartment: true },
  /** 002 §3.3.2: a customer complaint about an order. */
  fileComplaint: { departments: ['customer_service', 'sales'], write: true },
  /** 002 §3.3.2: a random audit sample. */
  drawAuditSample: { departments: ['audit'], write: true },
  /** 002 §6.1.2: a rectification notice on an issue. */
  issueRectificationNotice: { departments: ['audit'], write: true },
  /** A month's KPI report computed again, as a new revision. */
  recomputeKpiReport: { roles: ['admin'], write: true },
  /** Stock received: the warehouse and procurement, and the after-sales head. */
  receiveSpareParts: { departments: ['warehouse', 'procurement'], headsOf: ['after_sales'], write: true },
  /** Rewriting an order's rows from its workflow. */
  repairOrder: { roles: ['admin'], write: true },
  /** 003 §5: an after-sales service request about a delivered order. */
  fileTicket: { departments: ['customer_service', 'after_sales', 'sales'], write: true },
  /** After-sales tickets and their timelines. */
  readTickets: { roles: ['auditor', 'admin'], departments: ['after_sales', 'customer_service', 'sales', 'management'] },
  /** 002 §2.4: invoices and payments against an order's contract. */
  recordFinance: { departments: ['finance'], write: true },
  /** An order's receivables: finance, sales, management, auditors and admins. */
  readFinance: { roles: ['auditor', 'admin'], departments: ['finance', 'sales', 'management'] },
  /** Replaying an order's history against the current code (auditors' check). */
  replayOrder: { roles: ['auditor', 'admin'] },
} as const satisfies Record<string, AccessRule>;

export type AccessAction = keyof typeof accessRules;

/** The thing acted on, as far as the rules need to know it. */
export interface AccessSubject {
  /** The department the thing belongs to. */
  department?: string;
  /** Departments that have or had a task on the order. */
  orderDepartments?: readonly string[];
  /** Who claimed the task, if anyone. */
  claimedBy?: string | null;
  /** Departments the policy shares the thing with. */
  sharedWith?: readonly string[];
}

const working = (actor: Actor): boolean => actor.roles.includes('staff') || actor.roles.includes('head');

/** Departments the actor works in: membership counts with the staff or head role only. */
export const memberDepartments = (actor: Actor): string[] => (working(actor) ? [...actor.departments] : []);

export const isMember = (actor: Actor, department: string | undefined): boolean =>
  department !== undefined && working(actor) && actor.departments.includes(department);

export const isHeadOf = (actor: Actor, department: string | undefined): boolean =>
  department !== undefined && actor.roles.includes('head') && actor.departments.includes(department);

function passes(rule: AccessRule, actor: Actor, subject: AccessSubject): boolean {
  if (rule.write && actor.roles.includes('auditor')) return false;
  if (rule.roles?.some((r) => actor.roles.includes(r))) return true;
  if (rule.departments?.some((d) => isMember(actor, d))) return true;
  if (rule.headsOf?.some((d) => isHeadOf(actor, d))) return true;
  if (rule.anyHead && actor.roles.includes('head') && actor.departments.length > 0) return true;
  if (rule.ownDepartment && isMember(actor, subject.department)) return true;
  if (rule.ownDepartmentHead && isHeadOf(actor, subject.department)) return true;
  if (rule.orderDepartments && subject.orderDepartments?.some((d) => isMember(actor, d))) return true;
  if (rule.sharedDepartments && subject.sharedWith?.some((d) => isMember(actor, d))) return true;
  if (rule.claimer && working(actor) && !!subject.claimedBy && subject.claimedBy === actor.sub) return true;
  return false;
}

/** Whether the actor may take the action on the subject. */
export function allows(actor: Actor, action: AccessAction, subject: AccessSubject = {}): boolean {
  return passes(accessRules[action], actor, subject);
}

/**
 * Which orders a list may show the actor: all of them, or those on which one of the given
 * departments has or had a task (none when the list is empty).
 */
export function readableOrders(actor: Actor): { all: true } | { all: false; taskDepartments: string[] } {
  if (allows(actor, 'readOrder')) return { all: true };
  return { all: false, taskDepartments: memberDepartments(actor) };
}
