import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { createTransport, type Transporter } from 'nodemailer';
import { stringify } from 'yaml';
import type { Db } from '../src/db/client';
import { notifications, progressReports } from '../src/db/schema';
import { WebhookTargetRefused } from '../src/notify/webhook-guard';
import { postWebhook } from '../src/notify/webhook-post';
import type { Notification, ProgressReport } from '../workflows/order/types';

// The outbox. Storing a message and sending it are separate activities: the store is
// idempotent by the message's id, and the send is retried by Temporal until it succeeds
// or the workflow gives up and marks it failed. Customer addresses never appear in an
// error message, since those end up in the workflow history.

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

type Recipients = { webhookUrl?: string; email?: string };
type OutboxRow = typeof notifications.$inferInsert;

const reportTopic = 'progress_report';
const customerChannels = ['webhook', 'email'] as const;
const maxErrorLength = 1000;

/** The report an outbox row belongs to: its id without the channel suffix. */
const reportIdOf = (outboxId: string): string => outboxId.slice(0, outboxId.lastIndexOf('.'));

function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'email') {
    const at = recipient.lastIndexOf('@');
    return at > 0 ? `${recipient[0]}***${recipient.slice(at)}` : '***';
  }
  try {
    return `${new URL(recipient).origin}/***`;
  } catch {
    return '***';
  }
}

function describeError(err: unknown, channel: string, recipient: string): string {
  const e = err as Error & { code?: unknown; cause?: { code?: unknown; message?: unknown } };
  let message = e instanceof Error ? e.message : String(err);
  if (e?.cause) {
    const detail = typeof e.cause.code === 'string' ? e.cause.code : typeof e.cause.message === 'string' ? e.cause.message : '';
    if (detail) message += ` (${detail})`;
  }
  if (recipient) message = message.split(recipient).join(maskRecipient(channel, recipient));
  return message.length > maxErrorLength ? `${message.slice(0, maxErrorLength)}…` : message;
}

const isRefusal = (err: unknown): boolean =>
  err instanceof WebhookTargetRefused || (err as { cause?: unknown })?.cause instanceof WebhookTargetRefused;

function reportSubject(r: ProgressReport): string {
  return `Order ${r.orderNo}: progress report no. ${r.seq}`;
}

/** What the customer reads: the report without its own delivery addresses. */
function reportContent(r: ProgressReport): Record<string, unknown> {
  const { recipients: _recipients, ...content } = r;
  return content as unknown as Record<string, unknown>;
}

export const createNotifyActivities = (deps: NotifyDeps) => {
  const { db } = deps;
  const webhook = { timeoutMs: deps.webhookTimeoutMs ?? 10_000, allowedHosts: deps.allowedWebhookHosts ?? [] };
  let transporter: Transporter | undefined;

  function mailTransport(): Transporter {
    if (!deps.mailer) throw new Error('no SMTP mailer is configured on this worker');
    // Values in the URL win over these; without them a dead server would hold the activity for minutes.
    transporter ??= createTransport({ url: deps.mailer.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
    return transporter;
  }

  /** One row per customer channel that can be used: webhook if a URL is given, e-mail if an address and a mailer are. */
  function channelRows(id: string, to: Recipients, base: Omit<OutboxRow, 'id' | 'channel' | 'recipient' | 'status'>): OutboxRow[] {
    const rows: OutboxRow[] = [];
    if (to.webhookUrl) rows.push({ ...base, id: `${id}.webhook`, channel: 'webhook', recipient: to.webhookUrl, status: 'PENDING' });
    if (to.email && deps.mailer) rows.push({ ...base, id: `${id}.email`, channel: 'email', recipient: to.email, status: 'PENDING' });
    return rows;
  }

  /** The ids of a message's stored customer-channel rows; what a first run stored is what every retry returns. */
  async function storedChannelIds(id: string): Promise<string[]> {
    const candidates = customerChannels.map((c) => `${id}.${c}`);
    const rows = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(inArray(notifications.id, candidates), inArray(notifications.channel, [...customerChannels])));
    const stored = new Set(rows.map((r) => r.id));
    return candidates.filter((c) => stored.has(c));
  }

  async function sendWebhook(row: typeof notifications.$inferSelect): Promise<void> {
    const body = JSON.stringify({ topic: row.topic, orderNo: row.orderNo, subject: row.subject, body: row.body });
    const headers = { 'content-type': 'application/json', 'idempotency-key': row.id };
    const status = await postWebhook(row.recipient!, body, headers, webhook);
    if (status < 200 || status > 299) throw new Error(`webhook answered HTTP ${status}`);
  }

  async function sendEmail(row: typeof notifications.$inferSelect): Promise<void> {
    const from = deps.mailer!.from;
    const domain = from.replace(/>\s*$/, '').split('@').pop() || 'localhost';
    await mailTransport().sendMail({
      from,
      to: row.recipient!,
      subject: row.subject,
      text: `${row.subject}\n\n${stringify(row.body)}`,
      // Stable across retries, so a receiving system can drop a duplicate.
      messageId: `<${row.id}@${domain}>`,
    });
  }

  return {
    /**
     * Stores the report and one outbox row per customer channel; returns the outbox ids to
     * deliver. A report with no channel is NOT_SENT and nothing is to be delivered.
     */
    async storeProgressReport(report: ProgressReport): Promise<string[]> {
      const content = reportContent(report);
      const generatedAt = new Date(report.generatedAt);
      const rows = channelRows(report.id, report.recipients, {
        orderNo: report.orderNo,
        topic: reportTopic,
        audience: 'customer',
        subject: reportSubject(report),
        body: content,
        createdAt: generatedAt,
      });
      await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(progressReports)
          .values({
            id: report.id,
            orderNo: report.orderNo,
            seq: report.seq,
            trigger: report.trigger,
            content,
            deliveryStatus: rows.length > 0 ? 'PENDING' : 'NOT_SENT',
            generatedAt,
          })
          .onConflictDoNothing({ target: progressReports.id })
          .returning({ id: progressReports.id });
        if (inserted.length > 0 && rows.length > 0)
          await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.id });
      });
      return storedChannelIds(report.id);
    },

    /**
     * Stores a notification. A department's is delivered by being stored (its feed); a
     * customer's gets one row per channel, or one NOT_SENT row when it has none.
     */
    async notify(n: Notification): Promise<string[]> {
      const createdAt = new Date(n.createdAt);
      const base = { orderNo: n.orderNo, topic: n.topic, subject: n.subject, body: n.body, createdAt };
      if ('department' in n.audience) {
        await db
          .insert(notifications)
          .values({
            ...base,
            id: n.id,
            audience: n.audience.department,
            channel: 'feed',
            recipient: null,
            status: 'SENT',
            sentAt: createdAt,
          })
          .onConflictDoNothing({ target: notifications.id });
        return [];
      }
      const rows = channelRows(n.id, n.audience.customer, { ...base, audience: 'customer' });
      await db.transaction(async (tx) => {
        // A retry on a worker configured differently must not add channels to a stored message.
        const existing = await tx
          .select({ id: notifications.id })
          .from(notifications)
          .where(inArray(notifications.id, [n.id, ...customerChannels.map((c) => `${n.id}.${c}`)]));
        if (existing.length > 0) return;
        await tx
          .insert(notifications)
          .values(
            rows.length > 0
              ? rows
              : [
                  {
                    ...base,
                    id: n.id,
                    audience: 'customer',
                    channel: 'none',
                    recipient: null,
                    status: 'NOT_SENT',
                  },
                ],
          )
          .onConflictDoNothing({ target: notifications.id });
      });
      return storedChannelIds(n.id);
    },

    /** Sends one outbox row; throws on failure so that Temporal retries it. */
    async deliverNotification(id: string): Promise<void> {
      const [row] = await db
        .update(notifications)
        .set({ attempts: sql`${notifications.attempts} + 1` })
        .where(and(eq(notifications.id, id), ne(notifications.status, 'SENT'), inArray(notifications.channel, [...customerChannels])))
        .returning();
      if (!row) {
        const [stored] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.id, id));
        if (!stored) throw ApplicationFailure.nonRetryable(`notification ${id} does not exist`, 'NotificationNotFound');
        return; // already sent, or nothing to send on this channel
      }
      try {
        if (row.channel === 'webhook') await sendWebhook(row);
        else await sendEmail(row);
      } catch (err) {
        const error = describeError(err, row.channel, row.recipient ?? '');
        await db.update(notifications).set({ lastError: error }).where(eq(notifications.id, id));
        const message = `${row.channel} delivery of ${id} failed (attempt ${row.attempts}): ${error}`;
        // A host that is not public is refused on every attempt alike; no retry will change that.
        if (isRefusal(err)) throw ApplicationFailure.nonRetryable(message, 'WebhookTargetRefused');
        throw new Error(message);
      }
      const sentAt = new Date();
      await db.update(notifications).set({ status: 'SENT', sentAt, lastError: null }).where(eq(notifications.id, id));
      if (row.topic === reportTopic) {
        await db
          .update(progressReports)
          .set({ deliveryStatus: 'SENT', sentAt })
          .where(and(eq(progressReports.id, reportIdOf(id)), ne(progressReports.deliveryStatus, 'SENT')));
      }
    },

    /** Called after the last retry. A report fails only once every one of its channels has. */
    async markNotificationFailed(input: { id: string; error: string }): Promise<void> {
      const error = input.error.length > maxErrorLength ? `${input.error.slice(0, maxErrorLength)}…` : input.error;
      // The last attempt's own error says more than the workflow's summary of it; keep it.
      const [row] = await db
        .update(notifications)
        .set({ status: 'FAILED', lastError: sql`coalesce(${notifications.lastError}, ${error})` })
        .where(and(eq(notifications.id, input.id), ne(notifications.status, 'SENT'), inArray(notifications.channel, [...customerChannels])))
        .returning({ topic: notifications.topic });
      if (row?.topic !== reportTopic) return;
      const reportId = reportIdOf(input.id);
      const channels = await db
        .select({ status: notifications.status })
        .from(notifications)
        .where(
          inArray(
            notifications.id,
            customerChannels.map((c) => `${reportId}.${c}`),
          ),
        );
      if (channels.length > 0 && channels.every((c) => c.status === 'FAILED')) {
        await db
          .update(progressReports)
          .set({ deliveryStatus: 'FAILED' })
          .where(and(eq(progressReports.id, reportId), ne(progressReports.deliveryStatus, 'SENT')));
      }
    },
  };
};

export type NotifyActivities = ReturnType<typeof createNotifyActivities>;
