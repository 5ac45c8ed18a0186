import { registerTaskActions as register } from '../tasks/actions';
import { checkNewDeliveryDate } from './overdue-delivery';
import { checkMeetingNotice } from './review';
import type { OrderRun } from './run';
import { orderHost } from './task-engine';

// Claim, release, assign and complete, as every workflow with tasks answers them
// (workflows/tasks/actions.ts), plus the order's rules a form cannot express because they
// depend on the order or the calendar.

export function registerTaskActions(run: OrderRun): void {
  register(orderHost(run), {
    checkCompletion(t, outcome, fields) {
      if (t.kind === 'review_meeting' && outcome === 'scheduled') checkMeetingNotice(run, String(fields.meetingDate));
      if (t.kind === 'overdue_explanation' && outcome === 'explained') checkNewDeliveryDate(run, String(fields.newDeliveryDate));
    },
  });
}
