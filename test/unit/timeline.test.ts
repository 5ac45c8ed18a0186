import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Db } from '../../src/db/client';
import { timelineFromHistory } from '../../src/orders/timeline';
import { activityEvents, updateEvents } from '../../src/orders/timeline-events';
import { cancelOrder } from '../../workflows/order/messages';

// The audit timeline reads activity and Update names out of recorded histories. A rename
// on either side must fail here, not empty the timeline of running orders.

const recorded = (file: string) =>
  timelineFromHistory(historyFromJSON(JSON.parse(readFileSync(resolve(import.meta.dirname, '../replay/histories', file), 'utf8'))));

describe('the audit timeline', () => {
  it('maps only activities the worker registers, and the Updates people send', () => {
    const registered = Object.keys(createActivities({ db: {} as Db }));
    expect(Object.keys(activityEvents).filter((name) => !registered.includes(name))).toEqual([]);
    expect(Object.keys(activityEvents)).toEqual(
      expect.arrayContaining(['openTasks', 'recordCompletion', 'recordStatus', 'recordAssignment', 'cancelTasks']),
    );
    expect([...updateEvents.keys()]).toEqual([cancelOrder.name]);
  });

  it('reads a recorded review loop: who decided what, every status, the revision and the sign-off', () => {
    const events = recorded('review-loop.json');
    expect(events[0]).toMatchObject({ type: 'order_received', status: 'RECEIVED', by: { sub: expect.any(String) } });
    expect(events.filter((e) => e.type === 'status_changed').map((e) => e.status)).toEqual([
      'IN_REVIEW',
      'RENEGOTIATING',
      'IN_REVIEW',
      'CONTRACTING',
      'CANCELLED',
    ]);
    expect(events.filter((e) => e.type === 'task_completed').map((e) => e.outcome)).toEqual([
      'approve',
      'approve',
      'approve',
      'approve',
      'reject',
      'revise',
      'approve',
      'approve',
      'approve',
      'approve',
      'approve',
    ]);
    const rejection = events.find((e) => e.outcome === 'reject')!;
    expect(rejection).toMatchObject({ department: 'quality', details: { reasons: [expect.any(String)] } });
    expect(events.filter((e) => e.type === 'task_created')).toHaveLength(12);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['order_revised', 'review_passed', 'risk_assessed']));
  });

  it('reads the cancellation someone asked for from the Update in the history', () => {
    const events = recorded('cancel-in-review.json');
    const cancel = events.find((e) => e.type === 'cancel_requested')!;
    expect(cancel.summary).toMatch(/^Cancellation requested: .+/);
    expect(cancel.by?.sub).toEqual(expect.any(String));
    expect(events.at(-1)).toMatchObject({ type: 'status_changed', status: 'CANCELLED' });
  });
});
