import fp from 'fastify-plugin';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { orderWorkflowId } from '../../../workflows/order/messages';
import { createTemporalClient } from '../../temporal/client';
import { callEngine } from '../engine';

/** The order workflows as the routes use them: every call bounded in time, its failures turned into API errors. */
export interface Engine {
  taskQueue: string;
  timeoutMs: number;
  /** Runs a call to the engine under the time bound; with `orderNo`, a call to that order's workflow. */
  call<T>(call: () => Promise<T>, orderNo?: string): Promise<T>;
  /** Sends an Update to an order's workflow and answers with its result. */
  update<Ret, Arg>(orderNo: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId: string): Promise<Ret>;
  /** Sends an Update to any workflow (an inspection, an issue) and answers with its result. */
  updateWorkflow<Ret, Arg>(
    workflowId: string,
    update: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId: string,
    /** The order the workflow serves, named when its worker does not answer. */
    orderNo?: string,
  ): Promise<Ret>;
}

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
    engine: Engine;
  }
}

export type TemporalPluginOptions = ({ client: Client } | { address: string; namespace: string }) & {
  taskQueue: string;
  /** How long one call to the engine may take before the API answers 503. */
  engineTimeoutMs: number;
};

/** The Temporal client on `app.temporal` and `app.engine`; its connection is closed with the app when opened here. */
export default fp<TemporalPluginOptions>(
  async (app, opts) => {
    let client: Client;
    if ('client' in opts) {
      client = opts.client;
    } else {
      client = createTemporalClient({ address: opts.address, namespace: opts.namespace });
      app.addHook('onClose', () => client.connection.close());
    }
    const bound = { temporal: client, engineTimeoutMs: opts.engineTimeoutMs };
    const engine: Engine = {
      taskQueue: opts.taskQueue,
      timeoutMs: opts.engineTimeoutMs,
      call: (call, orderNo) => callEngine(bound, call, orderNo ? { orderNo } : undefined),
      update: (orderNo, update, arg, updateId) => engine.updateWorkflow(orderWorkflowId(orderNo), update, arg, updateId, orderNo),
      updateWorkflow: (workflowId, update, arg, updateId, orderNo) =>
        callEngine(bound, () => client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg], updateId }), {
          workflowId,
          ...(orderNo ? { orderNo } : {}),
        }),
    };
    app.decorate('temporal', client);
    app.decorate('engine', engine);
  },
  { name: 'temporal' },
);
