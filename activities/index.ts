import type { Client } from '@temporalio/client';
import type { Db } from '../src/db/client';
import { buildPolicy } from '../src/policy/load';
import type { Policy } from '../workflows/policy';
import { createKpiActivities } from './kpis';
import { createChangeActivities } from './changes';
import { failFastOnRefusedWrites } from './failures';
import { createIncidentActivities } from './incidents';
import { createAfterSalesActivities } from './after-sales';
import { createInspectionActivities } from './inspections';
import { createReceivablesActivities } from './receivables';
import { createNotifyActivities, type MailerConfig } from './notify';
import { createOrderActivities } from './orders';
import { createRiskActivities } from './risk';
import { createTaskActivities } from './tasks';

export interface ActivityDeps {
  db: Db;
  mailer?: MailerConfig;
  fetchImpl?: typeof fetch;
  /** The policy's hosts that may receive webhooks although they are not public. */
  allowedWebhookHosts?: readonly string[];
  /** The policy the KPIs are computed under (time zone, working hours, reviewers); the defaults when unset. */
  policy?: Policy;
  /** Starts an order's receivables and tells them of its milestones; without it nothing is started or told. */
  temporal?: Client;
  /** Where the receivables run: the worker's own task queue. */
  taskQueue?: string;
}

/** What the order, inspection and issue workflows do outside themselves: their projections and notices. */
const createOrderWorkflowActivities = (deps: ActivityDeps) => ({
  ...createTaskActivities(deps.db),
  ...createOrderActivities(deps.db),
  ...createRiskActivities(deps.db),
  ...createNotifyActivities(deps),
  ...createChangeActivities(deps.db),
  ...createIncidentActivities(deps.db),
  ...createInspectionActivities(deps.db),
  ...createAfterSalesActivities(deps.db),
  ...createReceivablesActivities(deps.db, deps.temporal, deps.taskQueue),
});

/** Every activity the worker runs: the order workflow's and the scheduled KPI work's. */
export const createActivities = (deps: ActivityDeps) =>
  failFastOnRefusedWrites({
    ...createOrderWorkflowActivities(deps),
    ...createKpiActivities(deps.db, deps.policy ?? buildPolicy().policy),
  });

export type OrderActivities = ReturnType<typeof createOrderWorkflowActivities>;
