import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { notifications, progressReports } from '../src/db/schema';
import type { Notification, ProgressReport } from '../workflows/order/types';

// The outbox: storing a message is idempotent by the message's id, and what a first run
// stored is what every retry answers. Sending is delivery.ts.

export interface OutboxContext {
  db: Db;
  /** Whether e-mail is a channel on this worker. */
  hasMailer: boolean;
}

type Recipients = { webhookUrl?: string; email?: string };
type OutboxRow = typeof notifications.$inferInsert;

export const reportTopic = 'progress_report';
export const customerChannels = ['webhook', 'email'] as const;
export const maxErrorLength = 1000;

/** The report an outbox row belongs to: its id without the channel suffix. */
export const reportIdOf = (outboxId: string): string => outboxId.slice(0, outboxId.lastIndexOf('.'));

function reportSubject(r: ProgressReport): string {
  return `Order ${r.orderNo}: progress report no. ${r.seq}`;
}

/** What the customer reads: the report without its own delivery addresses. */
function reportContent(r: ProgressReport): Record<string, unknown> {
  const { recipients: _recipients, ...content } = r;
  return content;
}

/** One row per customer channel that can be used: webhook if a URL is given, e-mail if an address and a mailer are. */
function channelRows(
  ctx: OutboxContext,
  id: string,
  to: Recipients,
  base: Omit<OutboxRow, 'id' | 'channel' | 'recipient' | 'status'>,
): OutboxRow[] {
  const rows: OutboxRow[] = [];
  if (to.webhookUrl) rows.push({ ...base, id: `${id}.webhook`, channel: 'webhook', recipient: to.webhookUrl, status: 'PENDING' });
  if (to.email && ctx.hasMailer) rows.push({ ...base, id: `${id}.email`, channel: 'email', recipient: to.email, status: 'PENDING' });
  return rows;
}

/** The ids of a message's stored customer-channel rows; what a first run stored is what every retry returns. */
async function storedChannelIds(ctx: OutboxContext, id: string): Promise<string[]> {
  const candidates = customerChannels.map((c) => `${id}.${c}`);
  const rows = await ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(inArray(notifications.id, candidates), inArray(notifications.channel, [...customerChannels])));
  const stored = new Set(rows.map((r) => r.id));
  return candidates.filter((c) => stored.has(c));
}

/**
 * Stores the report and one outbox row per customer channel; returns the outbox ids to
 * deliver. A report with no channel is NOT_SENT and nothing is to be delivered.
 */
export async function storeProgressReport(ctx: OutboxContext, report: ProgressReport): Promise<string[]> {
  const content = reportContent(report);
  const generatedAt = new Date(report.generatedAt);
  const rows = channelRows(ctx, report.id, report.recipients, {
    orderNo: report.orderNo,
    topic: reportTopic,
    audience: 'customer',
    subject: reportSubject(report),
    body: content,
    createdAt: generatedAt,
  });
  await ctx.db.transaction(async (tx) => {
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
  return storedChannelIds(ctx, report.id);
}

/** A department's message is delivered by being stored: a SENT row in its feed. */
function feedRow(n: Notification & { audience: { department: string } }): OutboxRow {
  const createdAt = new Date(n.createdAt);
  return {
    id: n.id,
    orderNo: n.orderNo,
    topic: n.topic,
    subject: n.subject,
    body: n.body,
    createdAt,
    audience: n.audience.department,
    channel: 'feed',
    recipient: null,
    status: 'SENT',
    sentAt: createdAt,
  };
}

const isDepartmentNotice = (n: Notification): n is Notification & { audience: { department: string } } => 'department' in n.audience;

/** Stores one message for each of several departments in one write (a plan shared with four). */
export async function storeDepartmentNotices(ctx: OutboxContext, list: Notification[]): Promise<void> {
  const rows = list.filter(isDepartmentNotice).map(feedRow);
  if (rows.length === 0) return;
  await ctx.db.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.id });
}

/**
 * Stores a notification. A department's is delivered by being stored (its feed); a
 * customer's gets one row per channel, or one NOT_SENT row when it has none.
 */
export async function storeNotification(ctx: OutboxContext, n: Notification): Promise<string[]> {
  if (isDepartmentNotice(n)) {
    await storeDepartmentNotices(ctx, [n]);
    return [];
  }
  const { customer } = n.audience as { customer: Recipients };
  const createdAt = new Date(n.createdAt);
  const base = { orderNo: n.orderNo, topic: n.topic, subject: n.subject, body: n.body, createdAt };
  const rows = channelRows(ctx, n.id, customer, { ...base, audience: 'customer' });
  await ctx.db.transaction(async (tx) => {
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
  return storedChannelIds(ctx, n.id);
}

/** Called after the last retry. A report fails only once every one of its channels has. */
export async function markNotificationFailed(ctx: OutboxContext, input: { id: string; error: string }): Promise<void> {
  const error = input.error.length > maxErrorLength ? `${input.error.slice(0, maxErrorLength)}…` : input.error;
  // The last attempt's own error says more than the workflow's summary of it; keep it.
  const [row] = await ctx.db
    .update(notifications)
    .set({ status: 'FAILED', lastError: sql`coalesce(${notifications.lastError}, ${error})` })
    .where(and(eq(notifications.id, input.id), ne(notifications.status, 'SENT'), inArray(notifications.channel, [...customerChannels])))
    .returning({ topic: notifications.topic });
  if (row?.topic !== reportTopic) return;
  const reportId = reportIdOf(input.id);
  const channels = await ctx.db
    .select({ status: notifications.status })
    .from(notifications)
    .where(
      inArray(
        notifications.id,
        customerChannels.map((c) => `${reportId}.${c}`),
      ),
    );
  if (channels.length > 0 && channels.every((c) => c.status === 'FAILED')) {
    await ctx.db
      .update(progressReports)
      .set({ deliveryStatus: 'FAILED' })
      .where(and(eq(progressReports.id, reportId), ne(progressReports.deliveryStatus, 'SENT')));
  }
}
