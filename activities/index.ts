import type { Db } from '../src/db/client';
import { createChangeActivities } from './changes';
import { failFastOnRefusedWrites } from './failures';
import { createIncidentActivities } from './incidents';
import { createInspectionActivities } from './inspections';
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
}

export const createActivities = (deps: ActivityDeps) =>
  failFastOnRefusedWrites({
    ...createTaskActivities(deps.db),
    ...createOrderActivities(deps.db),
    ...createRiskActivities(deps.db),
    ...createNotifyActivities(deps),
    ...createChangeActivities(deps.db),
    ...createIncidentActivities(deps.db),
    ...createInspectionActivities(deps.db),
  });

export type OrderActivities = ReturnType<typeof createActivities>;
