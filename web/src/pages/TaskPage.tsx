import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Countdown } from '../components/Countdown';
import { StatusBadge, useLabel } from '../components/Labels';
import { ProblemBanner } from '../components/ProblemBanner';
import { TaskActions } from '../components/TaskActions';
import { OrderSummary, TaskContextView, type OrderDetail } from '../components/TaskContext';
import { TaskForm } from '../components/TaskForm';
import { problemOf } from '../lib/api';
import { initialData, pruneEmpty, type JsonSchema } from '../lib/forms';
import { useLoad, useNow } from '../lib/hooks';
import type { Problem } from '../lib/problems';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';
import type { TaskSummary } from './Inbox';

export interface TaskDetail extends TaskSummary {
  step: string;
  round: number;
  context: Record<string, unknown> | null;
  form: JsonSchema;
  forms: Record<string, JsonSchema>;
  outcome: string | null;
  comment: string | null;
  data: Record<string, unknown> | null;
  completedAt: string | null;
  completedBy: { sub: string; name: string } | null;
}

const CONFLICT_RETURN_MS = 2500;

function Completed({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { timeZone } = useSession();
  return (
    <section className="card">
      <p>{t('task.readOnly', { status: label('taskStatus', task.status) })}</p>
      {task.outcome && <p>{t('task.completedOutcome', { outcome: label('outcome', task.outcome) })}</p>}
      {task.completedBy && task.completedAt && (
        <p>{t('task.completedBy', { name: task.completedBy.name, time: formatDateTime(task.completedAt, timeZone) })}</p>
      )}
      {task.data && Object.keys(task.data).length > 0 && <pre className="json">{JSON.stringify(task.data, null, 2)}</pre>}
    </section>
  );
}

function Completion({ task, order }: { task: TaskDetail; order?: OrderDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { call } = useSession();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState(task.outcomes[0]);
  // What was typed, per outcome: switching outcomes or a failed submit loses nothing.
  const [drafts, setDrafts] = useState<Record<string, Record<string, unknown>>>({});
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const schema = task.forms[outcome] ?? { type: 'object' };
  const data = drafts[outcome] ?? initialData(task.kind, schema, order?.order);

  async function submit(formData: Record<string, unknown>) {
    setBusy(true);
    setProblem(undefined);
    try {
      const body = { outcome, data: pruneEmpty(formData, schema.required ?? []), ...(comment.trim() ? { comment: comment.trim() } : {}) };
      await call('POST', `/tasks/${encodeURIComponent(task.id)}/complete`, { body });
      void navigate('/app/inbox', { state: { flash: t('task.done', { outcome: label('outcome', outcome) }) } });
    } catch (err) {
      const p = problemOf(err);
      setProblem(p);
      if (p.kind === 'conflict' && p.code === 'TASK_NOT_OPEN') {
        setTimeout(
          () => void navigate('/app/inbox', { state: { flash: t('inbox.completedElsewhere', { id: task.id }) } }),
          CONFLICT_RETURN_MS,
        );
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="complete-title">
      <h2 id="complete-title">{t('task.formTitle')}</h2>
      <fieldset className="outcomes">
        <legend>{t('task.chooseOutcome')}</legend>
        {task.outcomes.map((o) => (
          <label key={o} className={o === outcome ? 'outcome chosen' : 'outcome'}>
            <input type="radio" name="outcome" value={o} checked={o === outcome} onChange={() => setOutcome(o)} />
            {label('outcome', o)}
          </label>
        ))}
      </fieldset>
      <ProblemBanner problem={problem} context="task" />
      <label htmlFor="comment">{t('task.comment')}</label>
      <textarea id="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <TaskForm
        key={outcome}
        idPrefix={`form-${outcome}`}
        schema={schema}
        formData={data}
        onChange={(d) => setDrafts((all) => ({ ...all, [outcome]: d }))}
        onSubmit={(d) => void submit(d)}
        fieldErrors={problem?.kind === 'validation' ? problem.fieldErrors : {}}
        submitLabel={t('task.complete', { outcome: label('outcome', outcome) })}
        disabled={busy}
      />
    </section>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const { call } = useSession();
  const now = useNow();
  const loaded = useLoad(() => call<TaskDetail>('GET', `/tasks/${encodeURIComponent(id)}`), id);
  const [task, setTask] = useState<TaskDetail>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => setTask(loaded.data), [loaded.data]);
  const orderNo = task?.orderNo;
  // The order may be out of the user's sight; then the task stands alone.
  const order = useLoad(
    () => (orderNo ? call<OrderDetail>('GET', `/orders/${encodeURIComponent(orderNo)}`) : Promise.resolve(undefined)),
    orderNo ?? '',
  );

  if (loaded.problem && !task) return <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />;
  if (!task) return <p>{t('app.loading')}</p>;
  const open = task.status === 'OPEN' || task.status === 'CLAIMED';
  return (
    <article className="task-page" aria-labelledby="task-title">
      <p>
        <Link to="/app/inbox">← {t('app.backToInbox')}</Link>
      </p>
      <h1 id="task-title">
        {label('kind', task.kind)} · {task.orderNo}
      </h1>
      <p className="subtitle">{task.title}</p>
      <div className="task-tags">
        <StatusBadge status={task.status} group="taskStatus" />
        <span className="badge">{label('department', task.department)}</span>
        <span className="badge">{t('task.round', { round: task.round })}</span>
        {task.priority === 'urgent' && <span className="badge badge-urgent">{t('inbox.urgent')}</span>}
        {task.markers.map((m) => (
          <span key={m} className="badge badge-marker">
            {label('marker', m)}
          </span>
        ))}
        {open && <Countdown dueAt={task.dueAt} now={now} overdue={task.overdue} />}
        <span className="assignee">{task.assignee ? t('task.claimedBy', { name: task.assignee }) : t('inbox.unclaimed')}</span>
      </div>
      <ProblemBanner problem={problem} context="task" />
      {open && <TaskActions task={task} onTask={setTask} onProblem={setProblem} />}
      <div className="task-grid">
        <div>
          {order.data && (
            <section className="card">
              <OrderSummary order={order.data} />
            </section>
          )}
          <TaskContextView context={task.context} />
        </div>
        <div>
          {open ? (
            order.loading && !order.problem ? (
              <p>{t('app.loading')}</p>
            ) : (
              <Completion task={task} order={order.data} />
            )
          ) : (
            <Completed task={task} />
          )}
        </div>
      </div>
    </article>
  );
}
