import { reject } from '../tasks/guards';
import { Rejection } from './messages';
import { isOver, type OrderRun } from './run';

// The order's own check beside the validators every workflow shares (workflows/tasks/guards.ts).

export { reject, requireAccess, storable, unstorableTextAt } from '../tasks/guards';

export function checkActive(run: OrderRun, what: string): void {
  if (isOver(run.s) || ['CLOSED', 'CANCELLED'].includes(run.s.status)) {
    reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is ${run.s.status}; ${what} is no longer possible`);
  }
}
