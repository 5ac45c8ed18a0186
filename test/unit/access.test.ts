import { describe, expect, it } from 'vitest';
import { accessRules, allows, readableOrders, type AccessAction, type AccessSubject } from '../../workflows/access';
import type { Actor } from '../../workflows/order/types';

// The whole matrix of DESIGN §7.13: every kind of person against every action, on an order
// where production and finance have tasks and production's task is claimed by Pete.

const person = (sub: string, departments: string[], roles: string[]): Actor => ({ sub, name: sub, departments, roles });

const people = {
  sales: person('sally', ['sales'], ['staff']),
  salesHead: person('hank', ['sales'], ['head']),
  salesAdmin: person('sue', ['sales_admin'], ['staff']),
  production: person('pete', ['production'], ['staff']),
  productionColleague: person('pia', ['production'], ['staff']),
  productionHead: person('paula', ['production'], ['head']),
  finance: person('fay', ['finance'], ['staff']),
  quality: person('quinn', ['quality'], ['staff']),
  management: person('mona', ['management'], ['head']),
  customerService: person('cass', ['customer_service'], ['staff']),
  logistics: person('lou', ['logistics'], ['staff']),
  afterSales: person('al', ['after_sales'], ['staff']),
  auditor: person('ada', ['audit'], ['auditor']),
  auditStaff: person('aud', ['audit'], ['staff']),
  auditorInSales: person('abe', ['sales'], ['auditor']),
  admin: person('root', [], ['admin']),
  noDepartment: person('nobody', [], ['staff']),
  noRole: person('norole', ['sales'], []),
} satisfies Record<string, Actor>;
type Person = keyof typeof people;

const subjects: Record<AccessAction, AccessSubject> = {
  readOrder: { orderDepartments: ['production', 'finance'] },
  readTaskData: { department: 'finance' },
  readCustomerContact: {},
  readAllInboxes: {},
  readKpis: {},
  receiveOrder: {},
  cancelOrder: {},
  requestProgressReport: {},
  requestChange: {},
  reportException: { department: 'production' },
  resolveException: { department: 'production' },
  recordTracking: {},
  workOnTask: { department: 'production' },
  unclaimTask: { department: 'production', claimedBy: 'pete' },
  assignTask: { department: 'production' },
  repairOrder: {},
  readInspections: { department: 'production' },
  fileComplaint: {},
  drawAuditSample: {},
  issueRectificationNotice: {},
  readAllKpis: {},
  readSpareParts: {},
  recomputeKpiReport: {},
  receiveSpareParts: {},
  replayOrder: {},
  fileTicket: {},
  readTickets: {},
  recordFinance: {},
  readFinance: {},
};

// Columns in the order of `actions`; 1 = allowed.
const actions: AccessAction[] = [
  'readOrder',
  'readTaskData',
  'readCustomerContact',
  'readAllInboxes',
  'readKpis',
  'receiveOrder',
  'cancelOrder',
  'requestProgressReport',
  'requestChange',
  'reportException',
  'resolveException',
  'recordTracking',
  'workOnTask',
  'unclaimTask',
  'assignTask',
  'repairOrder',
  'readInspections',
  'fileComplaint',
  'drawAuditSample',
  'issueRectificationNotice',
  'readAllKpis',
  'readSpareParts',
  'recomputeKpiReport',
  'receiveSpareParts',
  'replayOrder',
  'fileTicket',
  'readTickets',
  'recordFinance',
  'readFinance',
];
// prettier-ignore
const matrix: Record<Person, number[]> = {
  //                    rO rT rC rI rK  rcv cnl rep chg exR exS trk wrk unc asg rep  rIn cmp aud ntc  rAK rSP rcK rcS rpl tkF tkR fiW fiR
  sales:               [1, 0, 1, 0, 0,  1,  1,  1,  1,  0,  1,  0,  0,  0,  0,  0,  0, 1, 0, 0,  0, 0, 0, 0, 0, 1, 1, 0, 1],
  salesHead:           [1, 1, 1, 0, 1,  1,  1,  1,  1,  0,  1,  0,  0,  0,  0,  0,  0, 1, 0, 0,  0, 0, 0, 0, 0, 1, 1, 0, 1],
  salesAdmin:          [1, 0, 1, 0, 0,  1,  1,  1,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  production:          [1, 0, 0, 0, 0,  0,  0,  0,  0,  1,  1,  0,  1,  1,  0,  0,  1, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  productionColleague: [1, 0, 0, 0, 0,  0,  0,  0,  0,  1,  1,  0,  1,  0,  0,  0,  1, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  productionHead:      [1, 0, 0, 0, 1,  0,  0,  0,  0,  1,  1,  0,  1,  1,  1,  0,  1, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  finance:             [1, 1, 0, 0, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 1, 1],
  quality:             [0, 0, 0, 0, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  management:          [1, 1, 0, 0, 1,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  1, 0, 0, 0,  1, 1, 0, 0, 0, 0, 1, 0, 1],
  customerService:     [0, 0, 1, 0, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 1, 0, 0,  0, 0, 0, 0, 0, 1, 1, 0, 0],
  logistics:           [0, 0, 1, 0, 0,  0,  0,  0,  0,  0,  0,  1,  0,  0,  0,  0,  0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  afterSales:          [0, 0, 1, 0, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0,  0, 1, 0, 0, 0, 1, 1, 0, 0],
  auditor:             [1, 1, 1, 1, 1,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  1, 0, 0, 0,  1, 1, 0, 0, 1, 0, 1, 0, 1],
  auditStaff:          [0, 0, 0, 0, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  1,  0,  1,  1,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  auditorInSales:      [1, 1, 1, 1, 1,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  1, 0, 0, 0,  1, 1, 0, 0, 1, 0, 1, 0, 1],
  admin:               [1, 1, 1, 1, 1,  0,  1,  0,  0,  0,  0,  0,  0,  0,  0,  1,  1, 0, 0, 0,  1, 1, 1, 0, 1, 0, 1, 0, 1],
  noDepartment:        [0, 0, 0, 0, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
  noRole:              [0, 0, 0, 0, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, 0, 0, 0,  0, 0, 0, 0, 0, 0, 0, 0, 0],
};

describe('the access rules', () => {
  it('cover every action in the table', () => {
    expect(Object.keys(accessRules).sort()).toEqual([...actions].sort());
  });

  it.each(Object.keys(matrix) as Person[])('decide for %s as the table says', (who) => {
    const got = actions.map((a) => (allows(people[who], a, subjects[a]) ? 1 : 0));
    expect(Object.fromEntries(actions.map((a, i) => [a, got[i]]))).toEqual(Object.fromEntries(actions.map((a, i) => [a, matrix[who][i]])));
  });

  it('let a department read an order only while it has or had a task on it', () => {
    expect(allows(people.quality, 'readOrder', { orderDepartments: ['quality'] })).toBe(true);
    expect(allows(people.quality, 'readOrder', { orderDepartments: [] })).toBe(false);
    expect(allows(people.quality, 'readOrder')).toBe(false);
  });

  it("show a department's task data to that department and to those the policy shares it with", () => {
    expect(allows(people.production, 'readTaskData', { department: 'production' })).toBe(true);
    expect(allows(people.quality, 'readTaskData', { department: 'production' })).toBe(false);
    expect(allows(people.quality, 'readTaskData', { department: 'production', sharedWith: ['quality'] })).toBe(true);
    expect(allows(people.auditor, 'readTaskData', { department: 'production' })).toBe(true);
  });

  it('let only the claimer or the head release a claimed task', () => {
    expect(allows(people.production, 'unclaimTask', { department: 'production', claimedBy: 'pete' })).toBe(true);
    expect(allows(people.production, 'unclaimTask', { department: 'production', claimedBy: null })).toBe(false);
    expect(allows(people.productionColleague, 'unclaimTask', { department: 'production', claimedBy: 'pete' })).toBe(false);
    expect(allows(people.productionHead, 'unclaimTask', { department: 'production', claimedBy: 'pete' })).toBe(true);
    expect(allows(people.salesHead, 'unclaimTask', { department: 'production', claimedBy: 'pete' })).toBe(false);
  });

  it('scope lists: all orders for readers by role or department, else orders with their departments’ tasks', () => {
    expect(readableOrders(people.auditor)).toEqual({ all: true });
    expect(readableOrders(people.sales)).toEqual({ all: true });
    expect(readableOrders(people.management)).toEqual({ all: true });
    expect(readableOrders(people.production)).toEqual({ all: false, taskDepartments: ['production'] });
    expect(readableOrders(person('multi', ['quality', 'finance'], ['head']))).toEqual({
      all: false,
      taskDepartments: ['quality', 'finance'],
    });
    expect(readableOrders(people.noDepartment)).toEqual({ all: false, taskDepartments: [] });
    expect(readableOrders(people.noRole)).toEqual({ all: false, taskDepartments: [] });
  });
});
