import type { Db } from '../../db/client';
import { ApiError } from '../../orders/errors';
import type { OrderRow } from '../../orders/intake';
import { allows, isMember, memberDepartments, type AccessAction, type AccessSubject } from '../../../workflows/access';
import type { Actor } from '../../../workflows/order/types';
import { findOrder, taskDepartmentsOf } from '../routes/orders/queries';

// The routes' side of the access rules (workflows/access.ts): a refused write is a 403
// that says who may; an order the actor may not read does not exist for them (404).

export function requireAllowed(actor: Actor, action: AccessAction, who: string, subject?: AccessSubject): void {
  if (!allows(actor, action, subject)) throw new ApiError(403, 'FORBIDDEN', `only ${who}`);
}

export const orderNotFound = (orderNo: string) => new ApiError(404, 'NOT_FOUND', `order ${orderNo} does not exist`);

/**
 * Whether the actor may read the order: by role or department, or through a task of theirs on
 * it. Departments already known to have a task on it (the task at hand) answer without a query.
 */
export async function mayReadOrder(db: Db, actor: Actor, orderNo: string, knownTaskDepartments: readonly string[] = []): Promise<boolean> {
  if (allows(actor, 'readOrder', { orderDepartments: knownTaskDepartments })) return true;
  return allows(actor, 'readOrder', { orderDepartments: await taskDepartmentsOf(db, orderNo) });
}

/** The order's row if the actor may read it; else 404, as for an order that does not exist. */
export async function readableOrder(db: Db, actor: Actor, orderNo: string): Promise<OrderRow> {
  const order = await findOrder(db, orderNo);
  if (!order || !(await mayReadOrder(db, actor, orderNo))) throw orderNotFound(orderNo);
  return order;
}

/**
 * Which departments an inbox or feed may show: the one asked for (403 if it is not the
 * actor's), else all of the actor's, else every department (undefined) for those who read
 * all inboxes. An empty list means nothing to show.
 */
export function inboxScope(actor: Actor, department?: string): string[] | undefined {
  const all = allows(actor, 'readAllInboxes');
  if (department) {
    if (!all && !isMember(actor, department)) throw new ApiError(403, 'FORBIDDEN', `you do not work in ${department}`);
    return [department];
  }
  return all ? undefined : memberDepartments(actor);
}
