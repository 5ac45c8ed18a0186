import type { OrderActivities } from '../../activities';
import type { OrderFacts } from '../../workflows/inspection/checks/facts';
import type { BoardTask as Task } from '../../workflows/tasks/types';

/** In-memory stand-ins for the projection activities, recording every call for assertions. */
/** `facts` are the orders the inspection activities serve; `candidates` the orders an audit sample is drawn from. */
/** `stock` the spare parts an on-site visit takes from: on hand and reorder level per SKU. */
export function recordingActivities(
  opts: { facts?: OrderFacts[]; candidates?: string[]; stock?: Record<string, { onHand: number; reorderLevel: number }> } = {},
) {
  const calls: { name: keyof OrderActivities; input: any }[] = [];
  const tasks = new Map<string, Task>();
  const statuses: string[] = [];
  const record = (name: keyof OrderActivities, input: unknown) => {
    calls.push({ name, input });
  };
  const activities: OrderActivities = {
    async openTasks(list) {
      record('openTasks', list);
      for (const t of list) if (!tasks.has(t.id)) tasks.set(t.id, { ...t });
    },
    async recordClaim(t) {
      record('recordClaim', t);
      Object.assign(tasks.get(t.id)!, { status: 'CLAIMED', assignee: t.assignee });
    },
    async recordAssignment(a) {
      record('recordAssignment', a);
      Object.assign(tasks.get(a.id)!, { status: a.status, assignee: a.assignee ?? undefined });
    },
    async recordUrgency(input) {
      record('recordUrgency', input);
      for (const u of input.tasks) Object.assign(tasks.get(u.id) ?? {}, { priority: u.priority, dueAt: u.dueAt });
    },
    async recordProjectionIncident(input) {
      record('recordProjectionIncident', input);
    },
    async recordCompletion(t) {
      record('recordCompletion', t);
      tasks.set(t.id, { ...t });
    },
    async cancelTasks(input) {
      record('cancelTasks', input);
      for (const id of input.ids) {
        const t = tasks.get(id);
        if (t && t.status !== 'COMPLETED') t.status = 'CANCELLED';
      }
    },
    async markOverdue(input) {
      record('markOverdue', input);
      tasks.get(input.task.id)!.overdue = true;
    },
    async recordStatus(input) {
      record('recordStatus', input);
      statuses.push(input.status);
    },
    async recordStageEntry(input) {
      record('recordStageEntry', input);
      statuses.push(input.status.status);
      for (const t of input.tasks) if (!tasks.has(t.id)) tasks.set(t.id, { ...t });
    },
    async recordOrderVersion(input) {
      record('recordOrderVersion', input);
    },
    async recordSignOffs(input) {
      record('recordSignOffs', input);
    },
    async recordProductionPlan(input) {
      record('recordProductionPlan', input);
    },
    async recordException(input) {
      record('recordException', input);
    },
    async recordExceptionResolved(input) {
      record('recordExceptionResolved', input);
    },
    async recordRiskAssessment(input) {
      record('recordRiskAssessment', input);
    },
    async recordRiskEvent(input) {
      record('recordRiskEvent', input);
    },
    async storeProgressReport(report) {
      record('storeProgressReport', report);
      return [];
    },
    async notify(n) {
      record('notify', n);
      return [];
    },
    async notifyDepartments(list) {
      record('notifyDepartments', list);
    },
    async deliverNotification(id) {
      record('deliverNotification', id);
    },
    async markNotificationFailed(input) {
      record('markNotificationFailed', input);
    },
    async recordChange(input) {
      record('recordChange', structuredClone(input));
    },
    async inspectionOrders(input) {
      record('inspectionOrders', input);
      return (opts.facts ?? []).map((f) => f.orderNo);
    },
    async auditCandidates(input) {
      record('auditCandidates', input);
      return opts.candidates ?? [];
    },
    async loadOrderFacts(input) {
      record('loadOrderFacts', input);
      return (opts.facts ?? []).filter((f) => input.orderNos.includes(f.orderNo));
    },
    async recordInspection(row) {
      record('recordInspection', structuredClone(row));
    },
    async recordIssue(row) {
      record('recordIssue', structuredClone(row));
    },
    async recordIssueEvent(e) {
      record('recordIssueEvent', e);
    },
    async startReceivables(input) {
      record('startReceivables', input);
    },
    async tellOrderOfOverdue(m) {
      record('tellOrderOfOverdue', m);
    },
    async tellReceivables(m) {
      record('tellReceivables', m);
    },
    async recordReceivables(v) {
      record('recordReceivables', structuredClone(v));
    },
    async recordTicket(state) {
      record('recordTicket', structuredClone(state));
    },
    async recordTicketEvent(e) {
      record('recordTicketEvent', e);
    },
    async takeVisitParts(v) {
      record('takeVisitParts', v);
      const stock = opts.stock ?? {};
      const short = v.items.filter((i) => (stock[i.sku]?.onHand ?? 0) < i.quantity);
      if (short.length) return { taken: false, refusal: `not enough in stock: ${short.map((i) => i.sku).join(', ')}` };
      const below = [];
      for (const i of v.items) {
        const part = stock[i.sku];
        const fell = part.onHand >= part.reorderLevel && part.onHand - i.quantity < part.reorderLevel;
        part.onHand -= i.quantity;
        if (fell) below.push({ sku: i.sku, name: i.sku, onHand: part.onHand, reorderLevel: part.reorderLevel });
      }
      return { taken: true, belowReorderLevel: below };
    },
    async recordComplaintReply(input) {
      record('recordComplaintReply', input);
    },
  };
  const callsOf = <K extends keyof OrderActivities>(name: K): Parameters<OrderActivities[K]>[0][] =>
    calls.filter((c) => c.name === name).map((c) => c.input);
  type Input<K extends keyof OrderActivities> = Parameters<OrderActivities[K]>[0];
  /** What the named activities wrote, each call's part taken by `picks`: a write made alone or together with others. */
  const gather =
    <T>(picks: Partial<{ [K in keyof OrderActivities]: (input: Input<K>) => T[] }>) =>
    (): T[] =>
      calls.flatMap((c) => (picks[c.name] as ((input: unknown) => T[]) | undefined)?.(c.input) ?? []);
  /** Every notification stored, whether one at a time or several departments' at once. */
  const notices = gather<Input<'notify'>>({ notify: (n) => [n], notifyDepartments: (list) => list });
  /** Every status written, alone or with the first tasks of its stage. */
  const statusWrites = gather<Input<'recordStatus'>>({ recordStatus: (w) => [w], recordStageEntry: (e) => [e.status] });
  /** Every task opened, alone or with its stage's status. */
  const opened = gather<Task>({ openTasks: (list) => list, recordStageEntry: (e) => e.tasks });
  return { activities, calls, tasks, statuses, callsOf, notices, statusWrites, opened };
}
