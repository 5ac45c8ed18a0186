import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { eq, like } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { createNotifyActivities } from '../../activities/notify';
import type { Database } from '../../src/db/client';
import { notifications, orders, progressReports } from '../../src/db/schema';
import type { Notification, ProgressReport } from '../../workflows/order/types';
import { createTestDatabase } from '../helpers/db';
import { sampleOrder } from '../helpers/fixtures';

// Delivery runs against a real HTTP server and a real SMTP server on loopback.

let database: Database;
let acts: ReturnType<typeof createNotifyActivities>;
let http: Server;
let smtp: SMTPServer;
let webhookBase: string;
const orderNo = 'SO-20261122-0077';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}
const posts: Received[] = [];
const mails: { to: string[]; raw: string }[] = [];

function report(seq: number, recipients: ProgressReport['recipients']): ProgressReport {
  return {
    id: `${orderNo}.report.${seq}`,
    orderNo,
    seq,
    trigger: 'weekly',
    generatedAt: `2026-12-${String(seq).padStart(2, '0')}T02:00:00.000Z`,
    status: 'IN_PRODUCTION',
    version: 1,
    expectedDeliveryDate: '2027-03-20',
    milestones: [{ name: 'first batch', plannedDate: '2027-01-15', state: 'on_track' }],
    quality: [],
    openExceptions: [],
    recipients,
  };
}

const reportRow = async (id: string) => (await database.db.select().from(progressReports).where(eq(progressReports.id, id)))[0];
const outboxRow = async (id: string) => (await database.db.select().from(notifications).where(eq(notifications.id, id)))[0];

beforeAll(async () => {
  database = await createTestDatabase();
  const order = sampleOrder();
  await database.db.insert(orders).values({
    orderNo,
    workflowId: `order-${orderNo}`,
    status: 'IN_PRODUCTION',
    kind: 'routine',
    customerId: order.customer.id,
    customerName: order.customer.name,
    data: order as never,
    policyVersion: 'test',
    startInput: {},
    createdBy: 'sally',
  });

  http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.statusCode = req.url?.startsWith('/fail') ? 500 : req.url?.startsWith('/redirect') ? 302 : 204;
      if (res.statusCode === 302) res.setHeader('location', `${webhookBase}/hooks/redirected`);
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  webhookBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  acts = createNotifyActivities({
    db: database.db,
    mailer: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'Order Desk <orders@example.test>' },
    webhookTimeoutMs: 5_000,
    // The test's webhook receiver runs on loopback, which the policy would otherwise refuse.
    allowedWebhookHosts: ['127.0.0.1'],
  });
});

afterAll(async () => {
  await new Promise((resolve) => http?.close(resolve));
  await new Promise((resolve) => smtp?.close(() => resolve(undefined)));
  await database?.close();
});

describe('progress reports', () => {
  it('stores a report with no channel as NOT_SENT, with nothing to deliver', async () => {
    expect(await acts.storeProgressReport(report(1, {}))).toEqual([]);
    expect(await reportRow(`${orderNo}.report.1`)).toMatchObject({ deliveryStatus: 'NOT_SENT', seq: 1, trigger: 'weekly', sentAt: null });
    expect(
      await database.db
        .select()
        .from(notifications)
        .where(like(notifications.id, `${orderNo}.report.1%`)),
    ).toHaveLength(0);
  });

  it('leaves e-mail out when no mailer is configured', async () => {
    const noMailer = createNotifyActivities({ db: database.db });
    expect(await noMailer.storeProgressReport(report(2, { email: 'buyer@customer.test' }))).toEqual([]);
    expect(await reportRow(`${orderNo}.report.2`)).toMatchObject({ deliveryStatus: 'NOT_SENT' });
  });

  it('delivers a report by webhook once, with its idempotency key', async () => {
    const r = report(3, { webhookUrl: `${webhookBase}/hooks/orders?token=s3cret` });
    const ids = await acts.storeProgressReport(r);
    expect(ids).toEqual([`${r.id}.webhook`]);
    expect(await reportRow(r.id)).toMatchObject({ deliveryStatus: 'PENDING' });

    const before = posts.length;
    await acts.deliverNotification(ids[0]);
    await acts.deliverNotification(ids[0]);
    const received = posts.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/hooks/orders?token=s3cret');
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].headers['idempotency-key']).toBe(ids[0]);
    expect(received[0].body).toMatchObject({
      topic: 'progress_report',
      orderNo,
      subject: expect.stringContaining(orderNo),
      body: { id: r.id, seq: 3, status: 'IN_PRODUCTION', expectedDeliveryDate: '2027-03-20' },
    });
    expect((received[0].body as { body: Record<string, unknown> }).body.recipients).toBeUndefined();

    const row = await outboxRow(ids[0]);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null, channel: 'webhook', audience: 'customer' });
    expect(row.sentAt).toBeInstanceOf(Date);
    const stored = await reportRow(r.id);
    expect(stored.deliveryStatus).toBe('SENT');
    expect(stored.sentAt).toBeInstanceOf(Date);
  });

  it('records a failed attempt, throws for a retry, and fails the report after the last one', async () => {
    const r = report(4, { webhookUrl: `${webhookBase}/fail/orders?token=s3cret` });
    const [id] = await acts.storeProgressReport(r);
    await expect(acts.deliverNotification(id)).rejects.toThrow(/HTTP 500/);
    await expect(acts.deliverNotification(id)).rejects.toThrow(/HTTP 500/);
    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 2 });
    expect(row.lastError).toMatch(/HTTP 500/);
    expect(row.lastError).not.toContain('s3cret');
    expect(await reportRow(r.id)).toMatchObject({ deliveryStatus: 'PENDING' });

    await acts.markNotificationFailed({ id, error: 'Activity task failed' });
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 2, lastError: 'webhook answered HTTP 500' });
    expect(await reportRow(r.id)).toMatchObject({ deliveryStatus: 'FAILED', sentAt: null });
  });

  it('keeps the webhook address out of a network error', async () => {
    const r = report(5, { webhookUrl: 'http://127.0.0.1:1/secret-path?token=s3cret' });
    const [id] = await acts.storeProgressReport(r);
    const err = await acts.deliverNotification(id).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).not.toContain('s3cret');
    expect((await outboxRow(id)).lastError).not.toContain('s3cret');
  });

  it('e-mails a report through SMTP, and the report counts as sent when one channel got through', async () => {
    const r = report(6, { email: 'buyer@customer.test', webhookUrl: `${webhookBase}/fail/x` });
    const ids = await acts.storeProgressReport(r);
    expect(ids).toEqual([`${r.id}.webhook`, `${r.id}.email`]);

    await expect(acts.deliverNotification(`${r.id}.webhook`)).rejects.toThrow();
    await acts.markNotificationFailed({ id: `${r.id}.webhook`, error: 'gave up' });
    expect(await reportRow(r.id)).toMatchObject({ deliveryStatus: 'PENDING' });

    const before = mails.length;
    await acts.deliverNotification(`${r.id}.email`);
    await acts.deliverNotification(`${r.id}.email`);
    const got = mails.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0].to).toEqual(['buyer@customer.test']);
    expect(got[0].raw).toContain(`Subject: Order ${orderNo}: progress report no. 6`);
    expect(got[0].raw).toContain(`Message-ID: <${r.id}.email@example.test>`);
    expect(got[0].raw).toContain('expectedDeliveryDate: 2027-03-20');
    expect(await outboxRow(`${r.id}.email`)).toMatchObject({ status: 'SENT', attempts: 1, recipient: 'buyer@customer.test' });
    expect(await reportRow(r.id)).toMatchObject({ deliveryStatus: 'SENT' });
  });

  it('stores the same report once however often the activity is retried', async () => {
    const r = report(7, { webhookUrl: `${webhookBase}/hooks/x`, email: 'buyer@customer.test' });
    const first = await acts.storeProgressReport(r);
    await acts.deliverNotification(first[0]);
    const again = await acts.storeProgressReport({ ...r, seq: 99, recipients: {} });
    expect(again).toEqual(first);
    expect(await database.db.select().from(progressReports).where(eq(progressReports.id, r.id))).toHaveLength(1);
    expect(
      await database.db
        .select()
        .from(notifications)
        .where(like(notifications.id, `${r.id}.%`)),
    ).toHaveLength(2);
    expect(await reportRow(r.id)).toMatchObject({ seq: 7, deliveryStatus: 'SENT' });
    expect(await outboxRow(first[0])).toMatchObject({ status: 'SENT', attempts: 1 });
  });
});

describe('notifications', () => {
  const base = {
    orderNo,
    topic: 'review_overdue',
    subject: 'Review overdue',
    body: { taskId: 't-1' },
    createdAt: '2026-12-01T03:00:00.000Z',
  };

  it('puts a department notification in its feed at once, once', async () => {
    const n: Notification = { ...base, id: 'n-dept-1', audience: { department: 'quality' } };
    expect(await acts.notify(n)).toEqual([]);
    expect(await acts.notify(n)).toEqual([]);
    const rows = await database.db.select().from(notifications).where(like(notifications.id, 'n-dept-1%'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ audience: 'quality', channel: 'feed', status: 'SENT', attempts: 0, subject: 'Review overdue' });
    expect(rows[0].sentAt?.toISOString()).toBe(base.createdAt);
  });

  it('stores a customer notification without a channel as NOT_SENT', async () => {
    const n: Notification = { ...base, id: 'n-cust-1', topic: 'order_delayed', audience: { customer: {} } };
    expect(await acts.notify(n)).toEqual([]);
    expect(await outboxRow('n-cust-1')).toMatchObject({ audience: 'customer', channel: 'none', status: 'NOT_SENT' });
  });

  it('delivers a customer notification by webhook, and a retried store adds nothing', async () => {
    const n: Notification = {
      ...base,
      id: 'n-cust-2',
      topic: 'order_delayed',
      audience: { customer: { webhookUrl: `${webhookBase}/hooks/n` } },
    };
    const ids = await acts.notify(n);
    expect(ids).toEqual(['n-cust-2.webhook']);
    expect(
      await acts.notify({ ...n, audience: { customer: { webhookUrl: `${webhookBase}/hooks/n`, email: 'buyer@customer.test' } } }),
    ).toEqual(ids);
    expect(await database.db.select().from(notifications).where(like(notifications.id, 'n-cust-2%'))).toHaveLength(1);

    const before = posts.length;
    await acts.deliverNotification(ids[0]);
    expect(posts.slice(before)).toEqual([
      expect.objectContaining({
        path: '/hooks/n',
        body: { topic: 'order_delayed', orderNo, subject: 'Review overdue', body: { taskId: 't-1' } },
      }),
    ]);
    expect(await outboxRow(ids[0])).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('refuses, without retrying, to deliver a notification that does not exist', async () => {
    await expect(acts.deliverNotification('no-such-notification')).rejects.toMatchObject({ nonRetryable: true });
  });
});

describe('webhook targets (SSRF)', () => {
  const strict = () => createNotifyActivities({ db: database.db, webhookTimeoutMs: 5_000 });
  const refusedWith = async (webhookUrl: string, seq: number, message: string) => {
    const before = posts.length;
    const [id] = await strict().storeProgressReport(report(seq, { webhookUrl }));
    const err = await strict()
      .deliverNotification(id)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'WebhookTargetRefused', nonRetryable: true });
    expect((await outboxRow(id)).lastError).toEqual(message);
    expect(posts.length).toBe(before);
  };

  it('refuses to post to a loopback address the policy does not list, on the first attempt, sending nothing', async () => {
    await refusedWith(`${webhookBase}/hooks/ssrf`, 20, 'the webhook host 127.0.0.1 is a loopback address, not a public one');
  });

  it('checks the address a name resolves to when it connects: localhost is loopback too', async () => {
    const port = new URL(webhookBase).port;
    await refusedWith(
      `http://localhost:${port}/hooks/ssrf-by-name`,
      21,
      expect.stringMatching(/^the webhook host localhost is a loopback address/) as never,
    );
  });

  it('does not follow a redirect, so a public host cannot bounce the post to a private one', async () => {
    const r = report(22, { webhookUrl: `${webhookBase}/redirect/here` });
    const [id] = await acts.storeProgressReport(r);
    await expect(acts.deliverNotification(id)).rejects.toThrow(/webhook answered HTTP 302/);
    expect(posts.filter((p) => p.path === '/hooks/redirected')).toEqual([]);
  });
});
