import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Countdown } from '../components/Countdown';
import { StatusBadge, useLabel } from '../components/Labels';
import { ProblemBanner } from '../components/ProblemBanner';
import { allDepartments } from '../lib/departments';
import { useLoad, useNow } from '../lib/hooks';
import { isReader } from '../lib/session';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

export interface TaskSummary {
  id: string;
  orderNo: string;
  department: string;
  kind: string;
  title: string;
  status: string;
  priority: 'urgent' | 'normal';
  dueAt: string;
  overdue: boolean;
  assignee: string | null;
  outcomes: string[];
  markers: string[];
}

const PAGE = 50;
const POLL_MS = 15_000;

function Filters({ departments }: { departments: readonly string[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('pages');
    setParams(next, { replace: true });
  };
  return (
    <form className="filters" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('inbox.department')}
        <select value={params.get('department') ?? ''} onChange={(e) => set('department', e.target.value)}>
          <option value="">{t('inbox.all')}</option>
          {departments.map((d) => (
            <option key={d} value={d}>
              {label('department', d)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('inbox.status')}
        <select value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('inbox.openOrClaimed')}</option>
          {['OPEN', 'CLAIMED', 'COMPLETED'].map((s) => (
            <option key={s} value={s}>
              {label('taskStatus', s)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

function TaskRow({ task, now }: { task: TaskSummary; now: Date }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <li className={`task-row${task.overdue ? ' is-overdue' : ''}`} data-task-id={task.id}>
      <div className="task-main">
        <Link to={`/app/tasks/${encodeURIComponent(task.id)}`} className="task-link">
          {label('kind', task.kind)} · {task.orderNo}
        </Link>
        <span className="task-tags">
          {task.priority === 'urgent' && <span className="badge badge-urgent">{t('inbox.urgent')}</span>}
          {task.markers.map((m) => (
            <span key={m} className="badge badge-marker">
              {label('marker', m)}
            </span>
          ))}
          <span className="badge">{label('department', task.department)}</span>
          <StatusBadge status={task.status} group="taskStatus" />
        </span>
      </div>
      <div className="task-meta">
        <Countdown dueAt={task.dueAt} now={now} overdue={task.overdue} />
        <span className="assignee">{task.assignee ? t('task.claimedBy', { name: task.assignee }) : t('inbox.unclaimed')}</span>
      </div>
    </li>
  );
}

export function Inbox() {
  const { t } = useTranslation();
  const { call, claims, timeZone } = useSession();
  const [params, setParams] = useSearchParams();
  const now = useNow();
  const pages = Math.max(1, Number(params.get('pages') ?? 1));
  const query = new URLSearchParams();
  for (const name of ['department', 'status']) if (params.get(name)) query.set(name, params.get(name)!);
  query.set('limit', String(Math.min(200, PAGE * pages)));
  const inbox = useLoad(() => call<{ items: TaskSummary[]; nextCursor: string | null }>('GET', `/tasks?${query}`), query.toString(), {
    pollMs: POLL_MS,
    keepPrevious: true,
  });
  const departments = claims && isReader(claims) ? allDepartments : (claims?.departments ?? []);

  return (
    <section aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        <Filters departments={departments} />
      </div>
      <ProblemBanner problem={inbox.problem} onRetry={inbox.reload} />
      <p className="hint" aria-live="polite">
        {inbox.data && t('inbox.count', { count: inbox.data.items.length })} ·{' '}
        {inbox.loadedAt && t('inbox.refreshed', { time: formatDateTime(inbox.loadedAt.toISOString(), timeZone).slice(11) })}{' '}
        <button type="button" className="link" onClick={inbox.reload}>
          {t('inbox.refresh')}
        </button>
      </p>
      {inbox.loading && !inbox.data && <p>{t('app.loading')}</p>}
      {inbox.data && inbox.data.items.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
      <ul className="task-list">
        {inbox.data?.items.map((task) => (
          <TaskRow key={task.id} task={task} now={now} />
        ))}
      </ul>
      {inbox.data?.nextCursor && PAGE * pages < 200 && (
        <button
          type="button"
          onClick={() => {
            const next = new URLSearchParams(params);
            next.set('pages', String(pages + 1));
            setParams(next, { replace: true });
          }}
        >
          {t('inbox.loadMore')}
        </button>
      )}
    </section>
  );
}
