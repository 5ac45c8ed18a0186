/**
 * An order stored but whose workflow could not be started (the engine was away): the row
 * stays `workflowStarted=false`, and the orphan sweep or a retry with the same
 * Idempotency-Key starts it.
 */
export class WorkflowStartPending extends Error {
  constructor(
    readonly orderNo: string,
    cause: unknown,
  ) {
    super(`order ${orderNo} is stored; its workflow did not start`, { cause });
    this.name = 'WorkflowStartPending';
  }
}
