import type { OrderActivities } from '../../activities';
import type { BoardTask as Task } from '../../workflows/tasks/types';

/** In-memory stand-ins for the projection activities, recording every call for assertions. */
export function recordingActivities() {
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
    async deliverNotification(id) {
      record('deliverNotification', id);
    },
    async markNotificationFailed(input) {
      record('markNotificationFailed', input);
    },
    async recordChange(input) {
      record('recordChange', structuredClone(input));
    },
  };
  const callsOf = <K extends keyof OrderActivities>(name: K): Parameters<OrderActivities[K]>[0][] =>
    calls.filter((c) => c.name === name).map((c) => c.input);
  return { activities, calls, tasks, statuses, callsOf };
}
