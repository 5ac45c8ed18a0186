import type { Db } from '../src/db/client';
import { deliverNotification, type DeliveryContext } from './delivery';
import { markNotificationFailed, storeDepartmentNotices, storeNotification, storeProgressReport, type OutboxContext } from './outbox';
import type { Notification, ProgressReport } from '../workflows/order/types';

// The notification activities: the outbox (outbox.ts) and the delivery of its rows
// (delivery.ts), on one worker's mailer and webhook settings.

export interface MailerConfig {
  /** smtp://user:pass@host:port (or smtps://) */
  url: string;
  from: string;
}

export interface NotifyDeps {
  db: Db;
  mailer?: MailerConfig;
  webhookTimeoutMs?: number;
  /** Hosts the policy lets receive webhooks although they are not public (notifications.allowedWebhookHosts). */
  allowedWebhookHosts?: readonly string[];
}

export const createNotifyActivities = (deps: NotifyDeps) => {
  const outbox: OutboxContext = { db: deps.db, hasMailer: deps.mailer !== undefined };
  const delivery: DeliveryContext = {
    db: deps.db,
    mailer: deps.mailer,
    webhook: { timeoutMs: deps.webhookTimeoutMs ?? 10_000, allowedHosts: deps.allowedWebhookHosts ?? [] },
    transport: {},
  };
  return {
    storeProgressReport: (report: ProgressReport) => storeProgressReport(outbox, report),
    notify: (n: Notification) => storeNotification(outbox, n),
    notifyDepartments: (list: Notification[]) => storeDepartmentNotices(outbox, list),
    deliverNotification: (id: string) => deliverNotification(delivery, id),
    markNotificationFailed: (input: { id: string; error: string }) => markNotificationFailed(outbox, input),
  };
};
