import { setHandler } from '@temporalio/workflow';
import { now } from './clock';
import { checkActive, reject, storable, works } from './guards';
import { Rejection, reportException, resolveException, type ExceptionReport } from './messages';
import { notifyDepartments } from './notify';
import { acts } from './projection';
import { reassessRisk } from './risk-assessment';
import { actorRef, type OrderRun } from './run';
import type { Actor, OrderException } from './types';

// 000 §4.4.2: an exception in execution (delay, quality problem, material shortage)
// notifies sales at once, shows in the next customer report and re-rates the risk.

export interface ExceptionsState {
  exceptions: (OrderException & { resolvedAt?: string; resolution?: string })[];
}

export const initialExceptions = (): ExceptionsState => ({ exceptions: [] });

interface ResolveRequest {
  exceptionId: string;
  resolution: string;
  actor: Actor;
}

export function registerExceptionHandlers(run: OrderRun): void {
  setHandler(reportException, (report) => recordException(run, report), {
    validator: storable((report: ExceptionReport) => checkReport(run, report)),
  });
  setHandler(resolveException, (request) => resolve(run, request), {
    validator: storable((request: ResolveRequest) => checkResolve(run, request)),
  });
}

async function recordException(run: OrderRun, { type, description, department, actor }: ExceptionReport): Promise<OrderException> {
  const { s } = run;
  const exception = {
    id: `${run.input.orderNo}.exception.${s.exceptions.length + 1}`,
    orderNo: run.input.orderNo,
    type,
    description,
    department,
    reportedBy: actorRef(actor),
    reportedAt: now().toISOString(),
  };
  s.exceptions.push(exception);
  await acts.recordException(exception);
  await acts.recordRiskEvent({
    id: `${exception.id}.event`,
    orderNo: run.input.orderNo,
    type: type === 'delay' ? 'delay' : type === 'quality' ? 'quality' : 'supply_failure',
    description,
    occurredAt: exception.reportedAt,
  });
  await notifyDepartments(
    run,
    'exception',
    exception.id.split('.').pop() ?? '1',
    ['sales'],
    `Exception on order ${run.input.orderNo}: ${type}`,
    {
      ...exception,
    },
  );
  await reassessRisk(run, 'exception');
  return exception;
}

function checkReport(run: OrderRun, { department, actor }: ExceptionReport): void {
  checkActive(run, 'reporting an exception');
  if (!actor.departments.includes(department) || !works(actor)) reject(Rejection.NotYourTask, `you do not work in ${department}`);
}

async function resolve(run: OrderRun, { exceptionId, resolution }: ResolveRequest): Promise<OrderException> {
  const e = run.s.exceptions.find((x) => x.id === exceptionId)!;
  e.resolvedAt = now().toISOString();
  e.resolution = resolution;
  await acts.recordExceptionResolved({ id: exceptionId, resolution, resolvedAt: e.resolvedAt });
  return { ...e };
}

function checkResolve(run: OrderRun, { exceptionId, actor }: ResolveRequest): void {
  const e = run.s.exceptions.find((x) => x.id === exceptionId);
  if (!e) return reject(Rejection.TaskNotFound, `exception ${exceptionId} does not exist`);
  if (e.resolvedAt) reject(Rejection.TaskNotOpen, `exception ${exceptionId} is already resolved`);
  if (!works(actor) || !(actor.departments.includes(e.department) || actor.departments.includes('sales'))) {
    reject(Rejection.NotYourTask, `exception ${exceptionId} is resolved by ${e.department} or sales`);
  }
}
