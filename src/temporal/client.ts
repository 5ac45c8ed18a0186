import { Client, Connection } from '@temporalio/client';

/**
 * A lazy connection: the API starts even while the engine is down and answers 503
 * until it is back, instead of refusing to boot.
 */
export function createTemporalClient(opts: { address: string; namespace: string }): Client {
  const connection = Connection.lazy({ address: opts.address });
  return new Client({ connection, namespace: opts.namespace });
}
