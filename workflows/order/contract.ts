import { policyOf, workingDaysFromNow } from './clock';
import { patched } from '@temporalio/workflow';
import { tellBeside } from './beside';
import { notifyCustomer, notifyDepartments } from './notify';
import { setStatus } from './projection';
import { startReceivables } from './receivables-link';
import { loopOf, nextLoop, type OrderRun } from './run';
import { answerOf, findTask, ref, runTask } from './task-engine';

// 002 §3.2: sales drafts, legal reviews (a rejection returns the draft with reasons),
// sales records the customer's signature, and the copies go to the departments.

const days = (run: OrderRun, n: number) => () => workingDaysFromNow(run, n);

const draftRef = (round: number) => ref('contract_draft', round, 'sales');
const legalReviewRef = (round: number) => ref('contract_review', round, 'legal');

export async function contractDraftStage(run: OrderRun): Promise<void> {
  const { s } = run;
  await setStatus(run, 'CONTRACTING');
  const round = loopOf(s, 'contract');
  const legalReasons = round > 1 ? answerOf(findTask(run, legalReviewRef(round - 1)), 'reject')?.reasons : undefined;
  const t = await runTask(
    run,
    {
      ...draftRef(round),
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
  const draft = answerOf(findTask(run, draftRef(round)), 'drafted');
  const t = await runTask(
    run,
    {
      ...legalReviewRef(round),
      title: `Legal review of contract ${draft?.contractNo ?? ''} for order ${run.input.orderNo}`,
      context: { draft },
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
  const draft = answerOf(findTask(run, draftRef(round)), 'drafted');
  const t = await runTask(
    run,
    {
      ...ref('contract_signature', round, 'sales'),
      title: `Record the customer's signature on contract ${draft?.contractNo ?? ''}`,
      context: { draft },
    },
    days(run, policyOf(run).contract.signatureWorkingDays),
  );
  if (!t) return;
  const signed = answerOf(t, 'signed');
  const { contract } = policyOf(run);
  s.stage = run.input.classification.kind === 'complex' ? 'design' : 'plan';
  await tellBeside(run, async () => {
    await notifyDepartments(
      run,
      'contract_signed',
      `r${round}`,
      contract.distributeTo,
      `Signed contract ${draft?.contractNo ?? ''} for order ${run.input.orderNo}`,
      { contractNo: draft?.contractNo, signedOn: signed?.signedOn, customerSignatory: signed?.customerSignatory, version: s.version },
    );
    // Customers hear of the signed contract since 'contract-signed-customer-notice'; orders signed before did not.
    if (patched('contract-signed-customer-notice')) {
      await notifyCustomer(
        run,
        'contract_signed',
        `r${round}`,
        `Contract ${draft?.contractNo ?? ''} for order ${run.input.orderNo} is signed`,
        {
          contractNo: draft?.contractNo,
          signedOn: signed?.signedOn,
          version: s.version,
          requestedDeliveryDate: s.order.requestedDeliveryDate,
        },
      );
    }
    await startReceivables(run, draft?.contractNo, signed?.instalments);
  });
}
