import { runTask } from './deadlines';
import { notifyCustomer, notifyDepartments } from './notify';
import { loopOf, nextLoop, now, policyOf, setStatus, workingDaysFrom, type OrderRun } from './state';

// 000 §5 and 003 §4: final inspection with rework, packaging and labels, the shipping
// plan, dispatch, transport to the signed delivery note, customer acceptance with
// rectification, and the post-order summary that closes the order.

const execDays = (run: OrderRun) => () => workingDaysFrom(run, now(), policyOf(run).execution.stepWorkingDays);
const deliveryDays = (run: OrderRun) => () => workingDaysFrom(run, now(), policyOf(run).delivery.stepWorkingDays);

export async function finalInspectionStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'INSPECTING');
  const round = loopOf(s, 'final');
  const t = await runTask(
    run,
    {
      kind: 'final_inspection',
      step: 'final-inspection',
      round,
      department: 'quality',
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
  const failed = s.tasks[`${run.input.orderNo}.final-inspection.r${round}.quality`];
  const t = await runTask(
    run,
    {
      kind: 'rework',
      step: 'rework',
      round,
      department: 'production',
      title: `Rework order ${run.input.orderNo} after the failed final inspection`,
      context: { defects: failed?.data?.defects },
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
      kind: 'packaging',
      step: 'packaging',
      round: 1,
      department: 'warehouse',
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
      kind: 'shipping_plan',
      step: 'shipping-plan',
      round: 1,
      department: 'sales',
      title: `Shipping plan for order ${run.input.orderNo}: date, method, route, carrier`,
      context: { deliveryAddress: s.order.deliveryAddress, requestedDeliveryDate: s.order.requestedDeliveryDate },
    },
    execDays(run),
  );
  if (!t) return;
  s.shipDate = String(t.data?.shipDate);
  s.stage = 'dispatch';
  await notifyDepartments(
    run,
    'shipping_plan',
    'r1',
    ['warehouse', 'logistics'],
    `Shipping plan for order ${run.input.orderNo}`,
    t.data ?? {},
  );
}

export async function dispatchStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const t = await runTask(
    run,
    {
      kind: 'dispatch',
      step: 'dispatch',
      round: 1,
      department: 'warehouse',
      title: `Dispatch order ${run.input.orderNo}: check quantity and spec, record the outbound note`,
      context: { items: s.order.items, shippingPlan: s.tasks[`${run.input.orderNo}.shipping-plan.r1.sales`]?.data },
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
      kind: 'transport',
      step: 'transport',
      round: 1,
      department: 'logistics',
      title: `Transport order ${run.input.orderNo} to ${s.order.deliveryAddress} and record the signed delivery note`,
      context: {
        shippingPlan: s.tasks[`${run.input.orderNo}.shipping-plan.r1.sales`]?.data,
        outbound: s.tasks[`${run.input.orderNo}.dispatch.r1.warehouse`]?.data,
      },
    },
    () => workingDaysFrom(run, now(), policyOf(run).execution.stepWorkingDays),
  );
  if (!t) return;
  s.delivered = true;
  s.stage = 'acceptance';
  await setStatus(run, 'DELIVERED');
  await notifyCustomer(run, 'delivered', 'r1', `Order ${run.input.orderNo} delivered`, {
    deliveryNoteNo: t.data?.deliveryNoteNo,
    signedBy: t.data?.signedBy,
    signedOn: t.data?.signedOn,
  });
}

export async function acceptanceStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'acceptance');
  const t = await runTask(
    run,
    {
      kind: 'customer_acceptance',
      step: 'customer-acceptance',
      round,
      department: 'sales',
      title: `Record the customer's acceptance of order ${run.input.orderNo}${round > 1 ? ` (re-acceptance ${round - 1})` : ''}`,
      context: { qualityRequirements: s.order.qualityRequirements },
    },
    deliveryDays(run),
  );
  if (!t) return;
  s.stage = t.outcome === 'accepted' ? 'summary' : 'rectification';
}

export async function rectificationStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'acceptance');
  const failed = s.tasks[`${run.input.orderNo}.customer-acceptance.r${round}.sales`];
  const t = await runTask(
    run,
    {
      kind: 'rectification',
      step: 'rectification',
      round,
      department: policyOf(run).delivery.overdueResponsibleDepartment,
      title: `Rectify order ${run.input.orderNo} after the customer's failed acceptance`,
      context: { issues: failed?.data?.issues },
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
      kind: 'post_order_summary',
      step: 'post-order-summary',
      round: 1,
      department: 'sales',
      title: `Post-order summary for order ${run.input.orderNo}`,
    },
    deliveryDays(run),
  );
  if (!t) return;
  s.stage = 'done';
  await setStatus(run, 'CLOSED');
}
