import { describe, expect, it } from 'vitest';
import { classifyOrder } from '../../workflows/order/classify';
import { buildPolicy } from '../../src/policy/load';
import { calendarOf } from '../../workflows/policy';
import { workingDaysBetween } from '../../workflows/calendar';
import { sampleOrder } from '../helpers/fixtures';

const { policy } = buildPolicy();
const cal = calendarOf(policy);

/** An instant given as Shanghai wall time. */
const sh = (isoDateTime: string): Date => new Date(`${isoDateTime}+08:00`);

// Friday 26 September 2025, just before the National Day week (1–8 October off,
// Sunday 28 September and Saturday 11 October worked).
const receivedAt = sh('2025-09-26T10:00');

describe('classifyOrder', () => {
  it('a far-off delivery date is not urgent', () => {
    expect(classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2026-03-31' }), receivedAt)).toEqual({
      kind: 'routine',
      urgent: false,
      urgentRules: [],
    });
    expect(classifyOrder(policy, sampleOrder({ kind: 'complex', requestedDeliveryDate: '2026-03-31' }), receivedAt)).toEqual({
      kind: 'complex',
      urgent: false,
      urgentRules: [],
    });
  });

  it('two calendar weeks across National Day are within 7 working days', () => {
    // 28, 29, 30 Sep; 9, 10 Oct: only 5 working days although 14 calendar days.
    expect(workingDaysBetween(cal, '2025-09-26', '2025-10-10')).toBe(5);
    expect(classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2025-10-10' }), receivedAt)).toEqual({
      kind: 'routine',
      urgent: true,
      urgentRules: ['short_lead_time'],
    });
  });

  it('the boundary is exactly the 7th working day', () => {
    // 28, 29, 30 Sep; 9, 10, 11 (make-up Saturday), 13 Oct = 7; 14 Oct = 8.
    expect(workingDaysBetween(cal, '2025-09-26', '2025-10-13')).toBe(7);
    expect(workingDaysBetween(cal, '2025-09-26', '2025-10-14')).toBe(8);
    expect(classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2025-10-13' }), receivedAt).urgentRules).toEqual([
      'short_lead_time',
    ]);
    expect(classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2025-10-14' }), receivedAt)).toEqual({
      kind: 'routine',
      urgent: false,
      urgentRules: [],
    });
    // Without the holiday data the same date is far more than 7 working days away.
    const plain = buildPolicy({ calendar: { holidays: [], makeupWorkdays: [] } }).policy;
    expect(classifyOrder(plain, sampleOrder({ requestedDeliveryDate: '2025-10-10' }), receivedAt).urgent).toBe(false);
  });

  it('counts from the receipt date in the policy time zone', () => {
    // Thursday 25 Sep 23:30 in Shanghai: 8 working days to 13 Oct.
    expect(classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2025-10-13' }), new Date('2025-09-25T15:30:00Z')).urgent).toBe(
      false,
    );
    // One hour later it is Friday 26 Sep 00:30 in Shanghai, still 25 Sep in UTC: 7 working days.
    expect(
      classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2025-10-13' }), new Date('2025-09-25T16:30:00Z')).urgentRules,
    ).toEqual(['short_lead_time']);
  });

  it('a delivery date in the past or on the receipt day is urgent', () => {
    expect(classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2025-09-26' }), receivedAt).urgentRules).toEqual([
      'short_lead_time',
    ]);
    expect(classifyOrder(policy, sampleOrder({ requestedDeliveryDate: '2025-09-01' }), receivedAt).urgentRules).toEqual([
      'short_lead_time',
    ]);
  });

  it('follows the lead time of the policy', () => {
    const strict = buildPolicy({ urgent: { leadTimeWorkingDays: 4 } }).policy;
    expect(classifyOrder(strict, sampleOrder({ requestedDeliveryDate: '2025-10-10' }), receivedAt).urgent).toBe(false);
    expect(classifyOrder(strict, sampleOrder({ requestedDeliveryDate: '2025-10-09' }), receivedAt).urgentRules).toEqual([
      'short_lead_time',
    ]);
  });

  it('a key customer is urgent', () => {
    const order = sampleOrder({ customer: { id: 'CUST-009', name: 'Ningbo Pumps', tier: 'key' }, requestedDeliveryDate: '2026-03-31' });
    expect(classifyOrder(policy, order, receivedAt)).toEqual({ kind: 'routine', urgent: true, urgentRules: ['key_customer'] });
    const standard = sampleOrder({
      customer: { id: 'CUST-010', name: 'Wuxi Fittings', tier: 'standard' },
      requestedDeliveryDate: '2026-03-31',
    });
    expect(classifyOrder(policy, standard, receivedAt).urgent).toBe(false);
    const tiers = buildPolicy({ urgent: { keyCustomerTiers: ['strategic'] } }).policy;
    expect(classifyOrder(tiers, order, receivedAt).urgent).toBe(false);
    expect(classifyOrder(tiers, { ...order, customer: { ...order.customer, tier: 'strategic' } }, receivedAt).urgentRules).toEqual([
      'key_customer',
    ]);
  });

  it('an order flagged urgent by sales is urgent', () => {
    const order = sampleOrder({ urgent: { reason: 'line stoppage at the customer' }, requestedDeliveryDate: '2026-03-31' });
    expect(classifyOrder(policy, order, receivedAt)).toEqual({ kind: 'routine', urgent: true, urgentRules: ['flagged'] });
  });

  it('reports every rule that applies', () => {
    const order = sampleOrder({
      kind: 'complex',
      customer: { id: 'CUST-009', name: 'Ningbo Pumps', tier: 'key' },
      urgent: { reason: 'line stoppage at the customer' },
      requestedDeliveryDate: '2025-10-10',
    });
    expect(classifyOrder(policy, order, receivedAt)).toEqual({
      kind: 'complex',
      urgent: true,
      urgentRules: ['short_lead_time', 'key_customer', 'flagged'],
    });
    expect(classifyOrder(policy, { ...order, requestedDeliveryDate: '2026-03-31' }, receivedAt).urgentRules).toEqual([
      'key_customer',
      'flagged',
    ]);
  });
});
