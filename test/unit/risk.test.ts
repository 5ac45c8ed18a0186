import { describe, expect, it } from 'vitest';
import { buildPolicy } from '../../src/policy/load';
import { assessRisk, ownerPrecedence, riskDimensions, strictQualityKeywordsIn } from '../../workflows/order/risk-rules';
import type { RiskDimension, RiskFacts } from '../../workflows/order/types';
import type { Policy } from '../../workflows/policy';

// Default thresholds: urgent lead time 7, normal 20 working days; changes 1 / 3; margin
// 15% / 5%; 2 open exceptions.
const { policy } = buildPolicy();
const meta = { id: 'SO-20261122-0042.risk.1', orderNo: 'SO-20261122-0042', trigger: 'intake' as const, at: '2026-11-22T04:00:00.000Z' };

/** An order with nothing to worry about. */
function facts(overrides: Partial<RiskFacts> = {}): RiskFacts {
  return {
    newCustomer: false,
    overduePayments: false,
    changeCount: 0,
    leadTimeWorkingDays: 30,
    newProduct: false,
    qualityRequirements: 'per drawing',
    marginPct: 25,
    openExceptions: 0,
    ...overrides,
  };
}

const assess = (f: Partial<RiskFacts>, p: Policy = policy) => assessRisk(p, facts(f), meta);
const level = (dimension: RiskDimension, f: Partial<RiskFacts>, p: Policy = policy) => assess(f, p).dimensions[dimension].level;

describe('assessRisk', () => {
  it('rates a plain order low on every dimension, with a reason for each', () => {
    const a = assess({});
    expect(a).toMatchObject({
      id: meta.id,
      orderNo: meta.orderNo,
      trigger: 'intake',
      level: 'low',
      ownerDepartment: 'sales',
      assessedAt: meta.at,
    });
    expect(Object.keys(a.dimensions).sort()).toEqual([...riskDimensions].sort());
    for (const d of riskDimensions) {
      expect(a.dimensions[d].level).toBe('low');
      expect(a.dimensions[d].reasons.length).toBeGreaterThan(0);
    }
  });

  describe('credit', () => {
    it('overdue payments are high, a new customer medium', () => {
      expect(level('credit', { overduePayments: true })).toBe('high');
      expect(level('credit', { newCustomer: true })).toBe('medium');
      expect(level('credit', {})).toBe('low');
    });

    it('names both findings when both apply', () => {
      const c = assess({ overduePayments: true, newCustomer: true }).dimensions.credit;
      expect(c.level).toBe('high');
      expect(c.reasons).toEqual(['customer has overdue payments', 'new customer without payment history']);
    });
  });

  describe('change', () => {
    it('is medium from the first change and high from the third', () => {
      expect(level('change', { changeCount: 0 })).toBe('low');
      expect(level('change', { changeCount: 1 })).toBe('medium');
      expect(level('change', { changeCount: 2 })).toBe('medium');
      expect(level('change', { changeCount: 3 })).toBe('high');
      expect(level('change', { changeCount: 4 })).toBe('high');
    });

    it('states the count and the threshold', () => {
      expect(assess({ changeCount: 3 }).dimensions.change.reasons).toEqual(['3 changes ≥ high threshold 3']);
      expect(assess({ changeCount: 1 }).dimensions.change.reasons).toEqual(['1 changes ≥ medium threshold 1']);
    });
  });

  describe('delivery', () => {
    it('a lead time at the urgent threshold is high, one day more is medium', () => {
      expect(level('delivery', { leadTimeWorkingDays: 0 })).toBe('high');
      expect(level('delivery', { leadTimeWorkingDays: 7 })).toBe('high');
      expect(level('delivery', { leadTimeWorkingDays: 8 })).toBe('medium');
    });

    it('a lead time below the normal one is medium, the normal one itself low', () => {
      expect(level('delivery', { leadTimeWorkingDays: 19 })).toBe('medium');
      expect(level('delivery', { leadTimeWorkingDays: 20 })).toBe('low');
    });

    it('open exceptions make it high from the threshold on', () => {
      expect(level('delivery', { openExceptions: 1 })).toBe('low');
      expect(level('delivery', { openExceptions: 2 })).toBe('high');
      expect(level('delivery', { openExceptions: 1, leadTimeWorkingDays: 10 })).toBe('medium');
    });

    it('states lead time and threshold, and every finding', () => {
      expect(assess({ leadTimeWorkingDays: 5 }).dimensions.delivery.reasons).toEqual(['lead time 5 working days ≤ urgent threshold 7']);
      expect(assess({ leadTimeWorkingDays: 12 }).dimensions.delivery.reasons).toEqual(['lead time 12 working days < normal lead time 20']);
      expect(assess({ leadTimeWorkingDays: 12, openExceptions: 3 }).dimensions.delivery).toEqual({
        level: 'high',
        reasons: ['lead time 12 working days < normal lead time 20', '3 open exceptions ≥ high threshold 2'],
      });
    });
  });

  describe('quality', () => {
    it('a new product with strict requirements is high, either alone medium', () => {
      expect(level('quality', { newProduct: true, qualityRequirements: 'ISO 9001 certificate' })).toBe('high');
      expect(level('quality', { newProduct: true })).toBe('medium');
      expect(level('quality', { qualityRequirements: 'ISO 9001 certificate' })).toBe('medium');
      expect(level('quality', { qualityRequirements: undefined })).toBe('low');
    });

    it('finds the keywords case-insensitively, in any script', () => {
      expect(strictQualityKeywordsIn(policy, 'Zero Defect delivery, iatf 16949')).toEqual(['IATF', 'zero defect']);
      expect(strictQualityKeywordsIn(policy, '出厂全检')).toEqual(['全检']);
      expect(strictQualityKeywordsIn(policy, 'visual check')).toEqual([]);
      expect(strictQualityKeywordsIn(policy, undefined)).toEqual([]);
      expect(assess({ qualityRequirements: '100% inspection' }).dimensions.quality.reasons).toEqual(['strict quality requirements (100%)']);
    });

    it('a blank keyword in the policy matches nothing', () => {
      const { policy: blank } = buildPolicy({ risk: { strictQualityKeywords: ['', '  '] } });
      expect(level('quality', { qualityRequirements: 'anything at all' }, blank)).toBe('low');
    });
  });

  describe('cost', () => {
    it('a margin just below a threshold crosses it, the threshold itself does not', () => {
      expect(level('cost', { marginPct: 15 })).toBe('low');
      expect(level('cost', { marginPct: 14.9 })).toBe('medium');
      expect(level('cost', { marginPct: 5 })).toBe('medium');
      expect(level('cost', { marginPct: 4.9 })).toBe('high');
      expect(level('cost', { marginPct: -3 })).toBe('high');
    });

    it('an unknown margin is low until finance states it', () => {
      expect(assess({ marginPct: undefined }).dimensions.cost).toEqual({ level: 'low', reasons: ['margin not yet assessed'] });
    });

    it('states the margin and the threshold', () => {
      expect(assess({ marginPct: 4 }).dimensions.cost.reasons).toEqual(['margin 4% < high threshold 5%']);
      expect(assess({ marginPct: 10 }).dimensions.cost.reasons).toEqual(['margin 10% < medium threshold 15%']);
    });
  });

  describe('overall level', () => {
    it('is the worst dimension', () => {
      expect(assess({ newCustomer: true }).level).toBe('medium');
      expect(assess({ newCustomer: true, changeCount: 1, marginPct: 10 }).level).toBe('medium');
      expect(assess({ newCustomer: true, changeCount: 1, marginPct: 10, leadTimeWorkingDays: 12, newProduct: true }).level).toBe('medium');
      expect(assess({ newCustomer: true, marginPct: 2 }).level).toBe('high');
      expect(assess({ overduePayments: true }).level).toBe('high');
    });
  });

  describe('owner department', () => {
    it('is the owner of the worst-rated dimension', () => {
      expect(assess({ overduePayments: true }).ownerDepartment).toBe('finance');
      expect(assess({ leadTimeWorkingDays: 3 }).ownerDepartment).toBe('production');
      expect(assess({ newProduct: true, qualityRequirements: 'ISO' }).ownerDepartment).toBe('quality');
      expect(assess({ changeCount: 5 }).ownerDepartment).toBe('sales');
      // A high cost outranks a medium delivery although delivery comes first.
      expect(assess({ leadTimeWorkingDays: 12, marginPct: 1 }).ownerDepartment).toBe('finance');
      expect(assess({ changeCount: 3, newCustomer: true }).ownerDepartment).toBe('sales');
    });

    it('breaks ties in the order credit, delivery, quality, cost, change', () => {
      expect(ownerPrecedence).toEqual(['credit', 'delivery', 'quality', 'cost', 'change']);
      const { policy: distinct } = buildPolicy({
        risk: { owners: { credit: 'finance', delivery: 'production', quality: 'quality', cost: 'planning', change: 'sales_admin' } },
      });
      const allHigh = {
        overduePayments: true,
        leadTimeWorkingDays: 1,
        newProduct: true,
        qualityRequirements: 'ISO',
        marginPct: 0,
        changeCount: 9,
      };
      expect(assess(allHigh, distinct).ownerDepartment).toBe('finance');
      expect(assess({ ...allHigh, overduePayments: false }, distinct).ownerDepartment).toBe('production');
      expect(assess({ ...allHigh, overduePayments: false, leadTimeWorkingDays: 30 }, distinct).ownerDepartment).toBe('quality');
      expect(assess({ changeCount: 9, marginPct: 0 }, distinct).ownerDepartment).toBe('planning');
      expect(assess({ changeCount: 1, newCustomer: true }, distinct).ownerDepartment).toBe('finance');
      expect(assess({ changeCount: 1, marginPct: 10 }, distinct).ownerDepartment).toBe('planning');
      expect(assess({ changeCount: 1 }, distinct).ownerDepartment).toBe('sales_admin');
    });

    it('falls back to sales when the policy names no owner for the dimension', () => {
      const { policy: partial } = buildPolicy({ risk: { owners: { credit: 'finance' } } });
      expect(assess({ leadTimeWorkingDays: 3 }, partial).ownerDepartment).toBe('sales');
      expect(assess({ overduePayments: true }, partial).ownerDepartment).toBe('finance');
    });
  });

  describe('policy overrides', () => {
    it('a higher margin threshold turns a fair margin into a risk', () => {
      const { policy: strict } = buildPolicy({ risk: { marginMediumPct: 30, marginHighPct: 20 } });
      expect(level('cost', { marginPct: 25 })).toBe('low');
      expect(level('cost', { marginPct: 25 }, strict)).toBe('medium');
      expect(level('cost', { marginPct: 19 }, strict)).toBe('high');
      expect(assess({ marginPct: 19 }, strict).dimensions.cost.reasons).toEqual(['margin 19% < high threshold 20%']);
    });

    it('lead-time, change and exception thresholds follow the policy', () => {
      const { policy: p } = buildPolicy({
        urgent: { leadTimeWorkingDays: 3 },
        risk: { normalLeadTimeWorkingDays: 10, changesMedium: 2, changesHigh: 5, exceptionsHigh: 4 },
      });
      expect(level('delivery', { leadTimeWorkingDays: 5 }, p)).toBe('medium');
      expect(level('delivery', { leadTimeWorkingDays: 3 }, p)).toBe('high');
      expect(level('delivery', { leadTimeWorkingDays: 10 }, p)).toBe('low');
      expect(level('delivery', { openExceptions: 3 }, p)).toBe('low');
      expect(level('delivery', { openExceptions: 4 }, p)).toBe('high');
      expect(level('change', { changeCount: 1 }, p)).toBe('low');
      expect(level('change', { changeCount: 4 }, p)).toBe('medium');
      expect(level('change', { changeCount: 5 }, p)).toBe('high');
    });

    it('the strict keywords come from the policy', () => {
      const { policy: p } = buildPolicy({ risk: { strictQualityKeywords: ['PPAP'] } });
      expect(level('quality', { qualityRequirements: 'ppap level 3' }, p)).toBe('medium');
      expect(level('quality', { qualityRequirements: 'ISO 9001' }, p)).toBe('low');
    });
  });

  it('is pure: the same facts give the same assessment', () => {
    const f = { overduePayments: true, leadTimeWorkingDays: 12, qualityRequirements: 'IATF' };
    expect(assess(f)).toEqual(assess(f));
  });
});
