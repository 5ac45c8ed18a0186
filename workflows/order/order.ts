import { allHandlersFinished, condition } from '@temporalio/workflow';
import { registerHandlers } from './handlers';
import { renegotiate, reviewRound } from './review';
import { cancelOpenTasks, initialState, setStatus, view, type OrderState } from './state';
import type { OrderView, OrderWorkflowInput } from './types';

/** One customer order, from receipt through review; later stages continue from CONTRACTING. */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderView> {
  const state = initialState(input);
  registerHandlers(state);
  await run(state);
  await condition(allHandlersFinished);
  return view(state);
}

async function run(state: OrderState): Promise<void> {
  for (;;) {
    const round = await reviewRound(state);
    if (round.result === 'passed') break;
    if (round.result === 'cancelled') return finishCancelled(state);
    if ((await renegotiate(state, round.rejections)) === 'cancelled') return finishCancelled(state);
  }
  await setStatus(state, 'CONTRACTING');
  await condition(() => state.cancel !== undefined);
  return finishCancelled(state);
}

async function finishCancelled(state: OrderState): Promise<void> {
  await cancelOpenTasks(state, `order cancelled: ${state.cancel?.reason ?? ''}`);
  await setStatus(state, 'CANCELLED', state.cancel?.reason);
  state.finished = true;
}
