import { setHandler } from '@temporalio/workflow';
import { zonedTime } from '../calendar';
import { calendarOf } from '../policy';
import { awaitTasks, newTask, openTasks, ref } from '../tasks/engine';
import { reject, requireAccess, storable } from '../tasks/guards';
import type { TaskHost } from '../tasks/host';
import { Rejection } from '../tasks/messages';
import { now, workingDaysAfter } from '../tasks/time';
import { recordEvent, type IssueRun } from './issue-record';
import { issueRectificationNotice } from './messages';
import type { IssueWorkflowInput, RectificationNoticeRequest } from './types';

// 002 §6.1.2: internal audit issues a rectification notice on any issue, with its own
// deadline; the responsible department answers it, escalating like any task when late.

const localDate = (input: IssueWorkflowInput, at: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: input.policy.policy.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

export function registerNotices(host: TaskHost, run: IssueRun, input: IssueWorkflowInput): void {
  const check = (r: RectificationNoticeRequest) => {
    requireAccess(r.actor, 'issueRectificationNotice', 'internal audit issues rectification notices');
    const today = localDate(input, now());
    if (r.deadline !== undefined && !(r.deadline >= today)) {
      reject(Rejection.InvalidRequest, `deadline ${r.deadline} is before today (${today})`, [
        { path: 'deadline', message: `on or after ${today}` },
      ]);
    }
  };
  setHandler(
    issueRectificationNotice,
    async (r) => {
      const p = input.policy.policy;
      const seq = ++run.notices;
      const dueAt = r.deadline
        ? zonedTime(calendarOf(p), r.deadline, p.workingHours.end)
        : workingDaysAfter(p, now(), p.inspection.noticeWorkingDays);
      const spec = {
        ...ref('rectification_notice', seq, input.issue.department),
        title: `Audit rectification notice ${seq} on issue ${input.issue.id}`,
        context: { issue: input.issue, requirements: r.requirements, from: r.actor.name },
      };
      const t = newTask(host, spec, dueAt);
      await openTasks(host, [t]);
      await recordEvent(run, `notice-${seq}`, {
        type: 'rectification_notice',
        summary: `Audit notice: ${r.requirements} (due ${t.dueAt})`,
        by: r.actor.name,
        details: { taskId: t.id, dueAt: t.dueAt },
      });
      void awaitTasks(host, [t.id], dueAt);
      return { taskId: t.id };
    },
    { validator: storable(check) },
  );
}
