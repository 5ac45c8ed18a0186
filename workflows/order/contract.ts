import { runTask } from './deadlines';
import { notifyDepartments } from './notify';
import { loopOf, nextLoop, now, policyOf, setStatus, workingDaysFrom, type OrderRun } from './state';

// 002 §3.2: sales drafts, legal reviews (a rejection returns the draft with reasons),
// sales records the customer's signature, and the copies go to the departments.

const days = (run: OrderRun, n: number) => () => workingDaysFrom(run, now(), n);

export async function contractDraftStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'CONTRACTING');
  const round = loopOf(s, 'contract');
  const legalReasons = round > 1 ? s.tasks[`${run.input.orderNo}.contract-review.r${round - 1}.legal`]?.data?.reasons : undefined;
  const t = await runTask(
    run,
    {
      kind: 'contract_draft',
      step: 'contract-draft',
      round,
      department: 'sales',
      title: `Draft the contract for order ${run.input.orderNo}${round > 1 ? ` (revision ${round})` : ''}`,
      context: { version: s.version, legalReasons },
    },
    days(run, policyOf(run).contract.draftWorkingDays),
  );
  if (t) s.stage = 'contract_review';
}

export async function contractReviewStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'contract');
  const draft = s.tasks[`${run.input.orderNo}.contract-draft.r${round}.sales`];
  const t = await runTask(
    run,
    {
      kind: 'contract_review',
      step: 'contract-review',
      round,
      department: 'legal',
      title: `Legal review of contract ${String(draft?.data?.contractNo ?? '')} for order ${run.input.orderNo}`,
      context: { draft: draft?.data },
    },
    days(run, policyOf(run).contract.legalReviewWorkingDays),
  );
  if (!t) return;
  if (t.outcome === 'reject') {
    nextLoop(s, 'contract');
    s.stage = 'contract_draft';
  } else {
    s.stage = 'contract_signature';
  }
}

export async function contractSignatureStage(run: OrderRun): Promise<void> {
  const { s } = run;
  const round = loopOf(s, 'contract');
  const draft = s.tasks[`${run.input.orderNo}.contract-draft.r${round}.sales`];
  const t = await runTask(
    run,
    {
      kind: 'contract_signature',
      step: 'contract-signature',
      round,
      department: 'sales',
      title: `Record the customer's signature on contract ${String(draft?.data?.contractNo ?? '')}`,
      context: { draft: draft?.data },
    },
    days(run, policyOf(run).contract.signatureWorkingDays),
  );
  if (!t) return;
  const { contract } = policyOf(run);
  s.stage = run.input.classification.kind === 'complex' ? 'design' : 'plan';
  await notifyDepartments(
    run,
    'contract_signed',
    `r${round}`,
    contract.distributeTo,
    `Signed contract ${String(draft?.data?.contractNo ?? '')} for order ${run.input.orderNo}`,
    { contractNo: draft?.data?.contractNo, signedOn: t.data?.signedOn, customerSignatory: t.data?.customerSignatory, version: s.version },
  );
}
