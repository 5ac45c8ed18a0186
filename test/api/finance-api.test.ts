import { describe, expect, it } from 'vitest';
import { actors, sampleOrder } from '../helpers/fixtures';
import { eventually, requests, useStack } from '../helpers/api';
import { apiDriver } from '../helpers/api-driver';

// Receivables through the API on the real dev server and database: the signed contract
// starts them with the policy's default terms; finance records invoices and payments;
// over-invoicing is a 409 and other departments may not record.

const bed = useStack();
const { client } = apiDriver(() => bed.app);

describe("an order's receivables", () => {
  it('follow the contract: default terms, invoices, payments, refusals', async () => {
    const api = requests(bed.app);
    const { orderNo } = (await api.post('/orders', actors.sales, sampleOrder())).json<{ orderNo: string }>();
    const early = await api.get(`/orders/${orderNo}/finance`, actors.auditor);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'NO_CONTRACT']);

    expect(await client.advance(orderNo, (s) => s === 'CLOSED', { timeoutMs: 150_000 })).toBe('CLOSED');
    const finance = await eventually(async () => {
      const r = await api.get(`/orders/${orderNo}/finance`, actors.finance);
      return r.statusCode === 200
        ? r.json<{ contractTotal: number; instalments: { seq: number; amount: number; due: string }[] }>()
        : undefined;
    }, 'the receivables');
    // 400 valves at 182.50: 30 % on signature, 70 % 30 days after acceptance (the policy's default terms).
    expect(finance.contractTotal).toBe(73_000);
    expect(finance.instalments.map((i) => [i.seq, i.amount, i.due])).toEqual([
      [1, 21_900, 'signature'],
      [2, 51_100, 'acceptance'],
    ]);

    const invoice = { invoiceNo: 'INV-001', amount: 21_900, issuedOn: '2026-03-02' };
    expect((await api.post(`/orders/${orderNo}/invoices`, actors.sales, invoice)).statusCode).toBe(403);
    const invoiced = await api.post(`/orders/${orderNo}/invoices`, actors.finance, invoice);
    expect([invoiced.statusCode, invoiced.json().invoicedTotal]).toEqual([201, 21_900]);
    const over = await api.post(`/orders/${orderNo}/invoices`, actors.finance, { ...invoice, invoiceNo: 'INV-002', amount: 60_000 });
    expect([over.statusCode, over.json().error.code]).toEqual([409, 'CONFLICT']);
    expect((await api.post(`/orders/${orderNo}/invoices`, actors.finance, { ...invoice, amount: -5 })).statusCode).toBe(400);

    const paid = await api.post(`/orders/${orderNo}/payments`, actors.finance, {
      amount: 21_900,
      receivedOn: '2026-03-05',
      reference: 'BOC-1',
    });
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ paidTotal: 21_900, outstanding: 51_100 });
    expect(paid.json().instalments[0].status).toBe('PAID');
    expect((await api.get(`/orders/${orderNo}/finance`, actors.sales)).json().paidTotal).toBe(21_900);
    expect((await api.get(`/orders/${orderNo}/finance`, actors.quality)).statusCode).toBe(403);
  });
});
