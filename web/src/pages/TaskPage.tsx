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

/** Sends the completion; a 409 returns to the inbox, anything else stays here with what was typed. */
function useCompletion(task: TaskDetail) {
  const { t } = useTranslation();
  const label = useLabel();
  const { call } = useSession();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  async function submit(body: { outcome: string; data: unknown; comment?: string }) {
    setBusy(true);
    setProblem(undefined);
    try {
      await call('POST', `/tasks/${encodeURIComponent(task.id)}/complete`, { body });
      void navigate('/app/inbox', { state: { flash: t('task.done', { outcome: label('outcome', body.outcome) }) } });
    } catch (err) {
      const p = problemOf(err);
      setProblem(p);
      if (p.kind === 'conflict' && p.code === 'TASK_NOT_OPEN') {
        const back = () => void navigate('/app/inbox', { state: { flash: t('inbox.completedElsewhere', { id: task.id }) } });
        setTimeout(back, CONFLICT_RETURN_MS);
      }
    } finally {
      setBusy(false);
    }
  }
  return { submit, problem, busy };
}

function OutcomeChoice({ outcomes, value, onChange }: { outcomes: string[]; value: string; onChange(o: string): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <fieldset className="outcomes">
      <legend>{t('task.chooseOutcome')}</legend>
      {outcomes.map((o) => (
        <label key={o} className={o === value ? 'outcome chosen' : 'outcome'}>
          <input type="radio" name="outcome" value={o} checked={o === value} onChange={() => onChange(o)} />
          {label('outcome', o)}
        </label>
      ))}
    </fieldset>
  );
}

function Completion({ task, order }: { task: TaskDetail; order?: OrderDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [outcome, setOutcome] = useState(task.outcomes[0]);
  // What was typed, per outcome: switching outcomes or a failed submit loses nothing.
  const [drafts, setDrafts] = useState<Record<string, Record<string, unknown>>>({});
  const [comment, setComment] = useState('');
  const { submit, problem, busy } = useCompletion(task);
  const schema = task.forms[outcome] ?? { type: 'object' };
  const data = drafts[outcome] ?? initialData(task.kind, schema, order?.order);
  const send = (formData: Record<string, unknown>) =>
    void submit({ outcome, data: pruneEmpty(formData, schema.required ?? []), ...(comment.trim() ? { comment: comment.trim() } : {}) });

  return (
    <section className="card" aria-labelledby="complete-title">
      <h2 id="complete-title">{t('task.formTitle')}</h2>
      <OutcomeChoice outcomes={task.outcomes} value={outcome} onChange={setOutcome} />
      <ProblemBanner problem={problem} context="task" />
      <label htmlFor="comment">{t('task.comment')}</label>
      <textarea id="comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <TaskForm
        key={outcome}
        idPrefix={`form-${outcome}`}
        schema={schema}
        formData={data}
        onChange={(d) => setDrafts((all) => ({ ...all, [outcome]: d }))}
        onSubmit={send}
        fieldErrors={problem?.kind === 'validation' ? problem.fieldErrors : {}}
        submitLabel={t('task.complete', { outcome: label('outcome', outcome) })}
        disabled={busy}
      />
    </section>
  );
}

function TaskHeader({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const now = useNow();
  const open = task.status === 'OPEN' || task.status === 'CLAIMED';
  return (
    <>
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
    </>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { call } = useSession();
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
      <TaskHeader task={task} />
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
          {!open && <Completed task={task} />}
          {open && order.loading && !order.problem && <p>{t('app.loading')}</p>}
          {open && !(order.loading && !order.problem) && <Completion task={task} order={order.data} />}
        </div>
      </div>
    </article>
  );
}
