import { afterAll, beforeAll, beforeEach } from 'vitest';
import { auditor, call } from './http';
import { waitFor } from './processes';
import { startFaultStack, type FaultStack, type StackOptions } from './stack';

/** Starts the file's stack before its tests, shows every process's output when one fails, and closes it after. */
export function useFaultStack(opts: StackOptions = {}): { readonly stack: FaultStack } {
  let stack: FaultStack | undefined;
  beforeAll(async () => {
    stack = await startFaultStack(opts);
  });
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => console.error(stack?.logs()));
  });
  afterAll(async () => {
    await stack?.close();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the fault stack is not started yet');
      return stack;
    },
  };
}

/** The order's status as the API shows it. */
export async function statusOf(baseUrl: string, orderNo: string): Promise<string | undefined> {
  const a = await call(baseUrl, 'GET', `/orders/${encodeURIComponent(orderNo)}`, auditor);
  return a.status === 200 ? a.body.status : undefined;
}

export async function waitForStatus(baseUrl: string, orderNo: string, status: string, timeoutMs = 90_000): Promise<void> {
  await waitFor(`order ${orderNo} to be ${status}`, async () => (await statusOf(baseUrl, orderNo)) === status, timeoutMs, 300);
}
