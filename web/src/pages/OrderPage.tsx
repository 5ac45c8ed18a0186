import { useState, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StatusBadge, useLabel } from '../components/Labels';
import { Changes, Exceptions, Reports, Risks } from '../components/OrderRecords';
import { Timeline, Versions } from '../components/OrderSections';
import { ProblemBanner } from '../components/ProblemBanner';
import { Replay } from '../components/Replay';
import { OrderSummary, type OrderDetail } from '../components/TaskContext';
import { useLoad } from '../lib/hooks';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

/** The main path of an order (DESIGN §5); renegotiation is a detour of the review. */
export const stagePath = [
  'RECEIVED',
  'IN_REVIEW',
  'CONTRACTING',
  'PLANNING',
  'PROCURING',
  'IN_PRODUCTION',
  'INSPECTING',
  'SHIPPING',
  'DELIVERED',
  'CLOSED',
];

function StagePath({ status }: { status: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const at = stagePath.indexOf(status === 'RENEGOTIATING' ? 'IN_REVIEW' : status);
  return (
    <ol className="stages" aria-label={t('order.stagePath')}>
      {stagePath.map((s, i) => (
        <li key={s} className={i < at ? 'done' : i === at ? 'current' : 'todo'} aria-current={i === at ? 'step' : undefined}>
          {i === at && status !== s ? label('status', status) : label('status', s)}
        </li>
      ))}
      {status === 'CANCELLED' && (
        <li className="current" aria-current="step">
          {label('status', status)}
        </li>
      )}
    </ol>
  );
}

const tabs = ['timeline', 'versions', 'reports', 'exceptions', 'risks', 'changes', 'details'] as const;
type Tab = (typeof tabs)[number];

function TabPanel({ tab, order }: { tab: Tab; order: OrderDetail }) {
  const no = order.orderNo;
  switch (tab) {
    case 'timeline':
      return <Timeline orderNo={no} />;
    case 'versions':
      return <Versions orderNo={no} />;
    case 'reports':
      return <Reports orderNo={no} />;
    case 'exceptions':
      return <Exceptions orderNo={no} />;
    case 'risks':
      return <Risks orderNo={no} />;
    case 'changes':
      return <Changes orderNo={no} />;
    default:
      return <pre className="json">{JSON.stringify(order.order, null, 2)}</pre>;
  }
}

function OpenTasks({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { timeZone } = useSession();
  if (order.openTasks.length === 0) return null;
  return (
    <section className="card">
      <h2>{t('order.openTasks')}</h2>
      <ul>
        {order.openTasks.map((task) => (
          <li key={task.id}>
            <Link to={`/app/tasks/${encodeURIComponent(task.id)}`}>{label('kind', task.kind)}</Link> ·{' '}
            {label('department', task.department)} · {label('taskStatus', task.status)} ·{' '}
            {t('order.dueAt', { time: formatDateTime(task.dueAt, timeZone) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignOffs({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { timeZone } = useSession();
  if (order.signOffs.length === 0) return null;
  return (
    <section className="card">
      <h2>{t('order.signOffs')}</h2>
      <ul>
        {order.signOffs.map((s) => (
          <li key={`${s.round}-${s.department}`}>
            {t('task.round', { round: s.round })} · {label('department', s.department)} · {label('outcome', s.outcome)} · {s.by.name} ·{' '}
            {formatDateTime(s.at, timeZone)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The record tabs; arrow keys move between them as in the WAI-ARIA tabs pattern. */
function Tabs({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('timeline');
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <>
      <div role="tablist" className="tabs" aria-label={t('order.title', { orderNo: order.orderNo })} onKeyDown={move}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls="order-panel"
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(`order.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="order-panel" aria-labelledby={`tab-${tab}`} className="panel" tabIndex={0}>
        <TabPanel tab={tab} order={order} />
      </div>
    </>
  );
}

export function OrderPage() {
  const { orderNo = '' } = useParams();
  const { t } = useTranslation();
  const { call, timeZone } = useSession();
  const loaded = useLoad(() => call<OrderDetail>('GET', `/orders/${encodeURIComponent(orderNo)}`), orderNo, { pollMs: 15_000 });
  const order = loaded.data;
  if (!order) return loaded.problem ? <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} /> : <p>{t('app.loading')}</p>;
  return (
    <article aria-labelledby="order-title">
      <div className="page-head">
        <h1 id="order-title">{t('order.title', { orderNo })}</h1>
        <StatusBadge status={order.status} />
        <Replay orderNo={orderNo} />
      </div>
      <StagePath status={order.status} />
      <div className="task-grid">
        <section className="card">
          <OrderSummary order={order} />
          <p className="hint">
            {t('order.created')}: {formatDateTime(order.createdAt, timeZone)} · {t('order.policyVersion')}: {order.policyVersion}
          </p>
        </section>
        <div>
          <OpenTasks order={order} />
          <SignOffs order={order} />
        </div>
      </div>
      <Tabs order={order} />
    </article>
  );
}
