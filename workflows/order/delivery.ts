import { patched, setHandler } from '@temporalio/workflow';
import { now, policyOf, workingDaysFromNow } from './clock';
import { reject, requireAccess, storable } from './guards';
import { recordTracking, Rejection, type TrackingUpdate } from './messages';
import { tellBeside } from './beside';
import { notifyCustomer, notifyDepartments } from './notify';
import { setStatus } from './projection';
import { tellReceivables } from './receivables-link';
import { loopOf, nextLoop, type OrderRun } from './run';
import { satisfactionContext } from './satisfaction-check';
import { answerOf, findTask, ref, runTask } from './task-engine';

// 000 §5 and 003 §4: final inspection with rework, packaging and labels, the shipping
// plan, dispatch, transport to the signed delivery note, customer acceptance with
// rectification, and the post-order summary that closes the order.

export interface DeliveryState {
  shipDate?: string;
  delivered: boolean;
  /** Tracking updates recorded so far; each update's notifications are keyed by it. */
  trackingSeq?: number;
}

export const initialDelivery = (): DeliveryState => ({ delivered: false });

const execDays = (run: OrderRun) => () => workingDaysFromNow(run, policyOf(run).execution.stepWorkingDays);
const deliveryDays = (run: OrderRun) => () => workingDaysFromNow(run, policyOf(run).delivery.stepWorkingDays);

const finalInspectionRef = (round: number) => ref('final_inspection', round, 'quality');
const shippingPlanRef = ref('shipping_plan', 1, 'sales');
const dispatchRef = ref('dispatch', 1, 'warehouse');
const acceptanceRef = (round: number) => ref('customer_acceptance', round, 'sales');

export function registerDeliveryHandlers(run: OrderRun): void {
  setHandler(recordTracking, (update) => recordTransportUpdate(run, update), {
    validator: storable((update: TrackingUpdate) => checkTrackingUpdate(run, update)),
  });
}

/** 000 §5.3.3: logistics tracks the transport; a delay is told to sales and the customer. */
async function recordTransportUpdate(run: OrderRun, { location, note, delay }: TrackingUpdate): Promise<{ recorded: boolean }> {
  const { s } = run;
  // A counter, not the clock: two updates in one activation share the workflow's time.
  s.trackingSeq = (s.trackingSeq ?? 0) + 1;
  const key = `t${s.trackingSeq}`;
  await notifyDepartments(run, 'tracking', key, ['sales'], `Tracking for order ${run.input.orderNo}: ${location}`, {
    location,
    note,
    delay,
  });
  if (delay) {
    await notifyCustomer(run, 'transport_delay', key, `Order ${run.input.orderNo} is delayed in transport`, {
      location,
      reason: delay.reason,
      newEta: delay.newEta,
    });
  }
  return { recorded: true };
}

function checkTrackingUpdate(run: OrderRun, { actor }: TrackingUpdate): void {
  if (run.s.stage !== 'transport') reject(Rejection.OrderNotActive, `order ${run.input.orderNo} is not in transport`);
  requireAccess(actor, 'recordTracking', 'logistics records tracking');
}

export async function finalInspectionStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'INSPECTING');
  const round = loopOf(s, 'final');
  const t = await runTask(
    run,
    {
      ...finalInspectionRef(round),
      title: `Final inspection of order ${run.input.orderNo}${round > 1 ? ` after rework ${round - 1}` : ''}`,
      context: { qualityRequirements: s.order.qualityRequirements },
    },
    execDays(run),
  );
  if (!t) return;
  s.quality.push({ check: `final inspection ${round}`, result: t.outcome ?? '', at: t.completedAt ?? now().toISOString() });
  s.stage = t.outcome === 'pass' ? 'packaging' : 'rework';
}

export async function reworkStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'final');
  const failed = answerOf(findTask(run, finalInspectionRef(round)), 'fail');
  const t = await runTask(
    run,
    {
      ...ref('rework', round, 'production'),
      title: `Rework order ${run.input.orderNo} after the failed final inspection`,
      context: { defects: failed?.defects },
    },
    execDays(run),
  );
  if (!t) return;
  nextLoop(s, 'final');
  s.stage = 'final_inspection';
}

export async function packagingStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'SHIPPING');
  const t = await runTask(
    run,
    {
      ...ref('packaging', 1, 'warehouse'),
      title: `Pack and label order ${run.input.orderNo}`,
      context: { packagingRequirements: s.order.packagingRequirements, customer: s.order.customer.name },
    },
    execDays(run),
  );
  if (t) s.stage = 'shipping_plan';
}

export async function shippingPlanStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const t = await runTask(
    run,
    {
      ...shippingPlanRef,
      title: `Shipping plan for order ${run.input.orderNo}: date, method, route, carrier`,
      context: { deliveryAddress: s.order.deliveryAddress, requestedDeliveryDate: s.order.requestedDeliveryDate },
    },
    execDays(run),
  );
  if (!t) return;
  const plan = answerOf(t, 'planned');
  s.shipDate = String(plan?.shipDate);
  s.stage = 'dispatch';
  await tellBeside(run, () =>
    notifyDepartments(run, 'shipping_plan', 'r1', ['warehouse', 'logistics'], `Shipping plan for order ${run.input.orderNo}`, t.data ?? {}),
  );
}

export async function dispatchStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const t = await runTask(
    run,
    {
      ...dispatchRef,
      title: `Dispatch order ${run.input.orderNo}: check quantity and spec, record the outbound note`,
      context: { items: s.order.items, shippingPlan: findTask(run, shippingPlanRef)?.data },
    },
    execDays(run),
  );
  if (t) s.stage = 'transport';
}

/** Logistics transports (tracking updates come in as messages) until the customer signs the delivery note. */
export async function transportStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const t = await runTask(
    run,
    {
      ...ref('transport', 1, 'logistics'),
      title: `Transport order ${run.input.orderNo} to ${s.order.deliveryAddress} and record the signed delivery note`,
      context: { shippingPlan: findTask(run, shippingPlanRef)?.data, outbound: findTask(run, dispatchRef)?.data },
    },
    execDays(run),
  );
  if (!t) return;
  const note = answerOf(t, 'delivered');
  s.delivered = true;
  s.stage = 'acceptance';
  await setStatus(run, 'DELIVERED');
  await tellBeside(run, async () => {
    await tellReceivables(run, 'delivery');
    await notifyCustomer(run, 'delivered', 'r1', `Order ${run.input.orderNo} delivered`, {
      deliveryNoteNo: note?.deliveryNoteNo,
      signedBy: note?.signedBy,
      signedOn: note?.signedOn,
    });
  });
}

export async function acceptanceStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'acceptance');
  const t = await runTask(
    run,
    {
      ...acceptanceRef(round),
      title: `Record the customer's acceptance of order ${run.input.orderNo}${round > 1 ? ` (re-acceptance ${round - 1})` : ''}`,
      context: { qualityRequirements: s.order.qualityRequirements },
    },
    deliveryDays(run),
  );
  if (!t) return;
  if (t.outcome === 'accepted') await tellBeside(run, () => tellReceivables(run, 'acceptance'));
  // Since 'satisfaction-check' customer service checks the customer's satisfaction before the summary (002 §2.2.3).
  if (t.outcome === 'accepted') s.stage = patched('satisfaction-check') ? 'satisfaction_check' : 'summary';
  else s.stage = 'rectification';
}

export async function rectificationStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'acceptance');
  const failed = answerOf(findTask(run, acceptanceRef(round)), 'rejected');
  const t = await runTask(
    run,
    {
      ...ref('rectification', round, policyOf(run).delivery.overdueResponsibleDepartment),
      title: `Rectify order ${run.input.orderNo} after the customer's failed acceptance`,
      context: { issues: failed?.issues },
    },
    deliveryDays(run),
  );
  if (!t) return;
  nextLoop(s, 'acceptance');
  s.stage = 'acceptance';
}

export async function summaryStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const t = await runTask(
    run,
    {
      ...ref('post_order_summary', 1, 'sales'),
      title: `Post-order summary for order ${run.input.orderNo}`,
      context: satisfactionContext(run),
    },
    deliveryDays(run),
  );
  if (!t) return;
  s.stage = 'done';
  await setStatus(run, 'CLOSED');
}
