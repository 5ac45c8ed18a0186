import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { createTransport, type Transporter } from 'nodemailer';
import { stringify } from 'yaml';
import type { Db } from '../src/db/client';
import { notifications, progressReports } from '../src/db/schema';
import { WebhookTargetRefused } from '../src/notify/webhook-guard';
import { postWebhook } from '../src/notify/webhook-post';
import { customerChannels, maxErrorLength, reportIdOf, reportTopic } from './outbox';

// Sending one outbox row: by webhook or e-mail, retried by Temporal until it succeeds or
// the workflow gives up and marks it failed. Customer addresses never appear in an error
// message, since those end up in the workflow history.

export interface DeliveryContext {
  db: Db;
  mailer?: { url: string; from: string };
  webhook: { timeoutMs: number; allowedHosts: readonly string[] };
  /** The SMTP transport, made on first use. */
  transport: { current?: Transporter };
}

type OutboxRecord = typeof notifications.$inferSelect;

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

function mailTransport(ctx: DeliveryContext): Transporter {
  if (!ctx.mailer) throw new Error('no SMTP mailer is configured on this worker');
  // Values in the URL win over these; without them a dead server would hold the activity for minutes.
  ctx.transport.current ??= createTransport({
    url: ctx.mailer.url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return ctx.transport.current;
}

async function sendWebhook(ctx: DeliveryContext, row: OutboxRecord): Promise<void> {
  const body = JSON.stringify({ topic: row.topic, orderNo: row.orderNo, subject: row.subject, body: row.body });
  const headers = { 'content-type': 'application/json', 'idempotency-key': row.id };
  const status = await postWebhook(row.recipient!, body, headers, ctx.webhook);
  if (status < 200 || status > 299) throw new Error(`webhook answered HTTP ${status}`);
}

async function sendEmail(ctx: DeliveryContext, row: OutboxRecord): Promise<void> {
  const from = ctx.mailer!.from;
  const domain = from.replace(/>\s*$/, '').split('@').pop() || 'localhost';
  await mailTransport(ctx).sendMail({
    from,
    to: row.recipient!,
    subject: row.subject,
    text: `${row.subject}\n\n${stringify(row.body)}`,
    // Stable across retries, so a receiving system can drop a duplicate.
    messageId: `<${row.id}@${domain}>`,
  });
}

/** Sends one outbox row; throws on failure so that Temporal retries it. */
export async function deliverNotification(ctx: DeliveryContext, id: string): Promise<void> {
  const [row] = await ctx.db
    .update(notifications)
    .set({ attempts: sql`${notifications.attempts} + 1` })
    .where(and(eq(notifications.id, id), ne(notifications.status, 'SENT'), inArray(notifications.channel, [...customerChannels])))
    .returning();
  if (!row) {
    const [stored] = await ctx.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.id, id));
    if (!stored) throw ApplicationFailure.nonRetryable(`notification ${id} does not exist`, 'NotificationNotFound');
    return; // already sent, or nothing to send on this channel
  }
  try {
    if (row.channel === 'webhook') await sendWebhook(ctx, row);
    else await sendEmail(ctx, row);
  } catch (err) {
    const error = describeError(err, row.channel, row.recipient ?? '');
    await ctx.db.update(notifications).set({ lastError: error }).where(eq(notifications.id, id));
    const message = `${row.channel} delivery of ${id} failed (attempt ${row.attempts}): ${error}`;
    // A host that is not public is refused on every attempt alike; no retry will change that.
    if (isRefusal(err)) throw ApplicationFailure.nonRetryable(message, 'WebhookTargetRefused');
    throw new Error(message);
  }
  const sentAt = new Date();
  await ctx.db.update(notifications).set({ status: 'SENT', sentAt, lastError: null }).where(eq(notifications.id, id));
  if (row.topic === reportTopic) {
    await ctx.db
      .update(progressReports)
      .set({ deliveryStatus: 'SENT', sentAt })
      .where(and(eq(progressReports.id, reportIdOf(id)), ne(progressReports.deliveryStatus, 'SENT')));
  }
}
