import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../lib/api';
import { offers } from '../lib/features';
import type { Problem } from '../lib/problems';
import { isHead } from '../lib/session';
import { useSession } from '../session';
import type { TaskDetail } from '../pages/TaskPage';

/** Claim, release and (for heads) assign, where the API offers them. */
export function TaskActions({ task, onTask, onProblem }: { task: TaskDetail; onTask(t: TaskDetail): void; onProblem(p?: Problem): void }) {
  const { t } = useTranslation();
  const { call, claims, features } = useSession();
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const path = `/tasks/${encodeURIComponent(task.id)}`;

  async function act(action: string, body?: unknown) {
    setBusy(true);
    onProblem(undefined);
    try {
      onTask(await call<TaskDetail>('POST', `${path}/${action}`, { body }));
    } catch (err) {
      onProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }

  const mine = task.assignee === claims?.sub;
  const head = claims ? isHead(claims) : false;
  const canUnclaim = task.status === 'CLAIMED' && (mine || head) && offers(features, 'post', '/tasks/{id}/unclaim');
  const canAssign = head && offers(features, 'post', '/tasks/{id}/assign');
  return (
    <div className="actions">
      {task.status === 'OPEN' && (
        <>
          <button type="button" disabled={busy} onClick={() => void act('claim')}>
            {t('task.claim')}
          </button>
          <span className="hint">{t('task.notClaimedHint')}</span>
        </>
      )}
      {canUnclaim && (
        <button type="button" disabled={busy} onClick={() => void act('unclaim')}>
          {t('task.unclaim')}
        </button>
      )}
      {canAssign && (
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void act('assign', { assignee: assignee.trim() });
          }}
        >
          <label htmlFor="assignee">{t('task.assignTo')}</label>
          <input id="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} />
          <button type="submit" disabled={busy || !assignee.trim()}>
            {t('task.assign')}
          </button>
        </form>
      )}
    </div>
  );
}
