import type { FastifyInstance } from 'fastify';
import { genericClient, member, type Transport } from '../../src/cli/api-client';
import { requests } from './api';
import { actors } from './fixtures';

// The generic client of `npm run demo`, driving the app in process: tasks completed as
// their departments would, from each task's outcomes and form alone.

export { member };
export type { TaskSummary as OpenTask } from '../../src/cli/api-client';

/** Requests through `app.inject`, as the generic client sends them. */
export function injectTransport(app: () => FastifyInstance): Transport {
  return async (method, path, actor, body, headers) => {
    const res = method === 'GET' ? await requests(app()).get(path, actor) : await requests(app()).post(path, actor, body, headers ?? {});
    return { status: res.statusCode, body: res.body ? res.json() : undefined, retryAfter: Number(res.headers['retry-after']) || undefined };
  };
}

export function apiDriver(app: () => FastifyInstance) {
  const client = genericClient(injectTransport(app), { reader: actors.auditor });
  return {
    get: (url: string, actor?: Parameters<ReturnType<typeof requests>['get']>[1]) => requests(app()).get(url, actor),
    post: (url: string, actor?: Parameters<ReturnType<typeof requests>['post']>[1], payload?: unknown) =>
      requests(app()).post(url, actor, payload),
    openTasks: client.openTasks,
    completeGenerically: client.completeGenerically,
    /** Completes the order's open tasks until its status satisfies `done`. */
    advanceTo: async (orderNo: string, done: (status: string) => boolean) => {
      await client.advance(orderNo, done);
    },
    client,
  };
}
