import { condition } from '@temporalio/workflow';
import { now } from './time';

/** A plain wait for workflows that never continue as new: true when pred holds, false when `until` passes first. */
export async function waitUntil(pred: () => boolean, until?: Date): Promise<boolean> {
  if (until === undefined) {
    await condition(pred);
    return true;
  }
  const ms = until.getTime() - now().getTime();
  if (ms > 0) await condition(pred, ms);
  return pred();
}
