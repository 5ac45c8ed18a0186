import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StatusBadge, useLabel } from '../components/Labels';
import { ProblemBanner } from '../components/ProblemBanner';
import { useLoad } from '../lib/hooks';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

interface OrderSummaryRow {
  orderNo: string;
  status: string;
  kind: string;
  urgent: boolean;
  customer: { name: string };
  version: number;
  createdAt: string;
}

const statuses = [
  'RECEIVED',
  'IN_REVIEW',
  'RENEGOTIATING',
  'CONTRACTING',
  'PLANNING',
  'PROCURING',
  'IN_PRODUCTION',
  'INSPECTING',
  'SHIPPING',
  'DELIVERED',
  'CLOSED',
  'CANCELLED',
];

type Page = { items: OrderSummaryRow[]; nextCursor: string | null };

function OrderRow({ order }: { order: OrderSummaryRow }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { timeZone } = useSession();
  return (
    <li className="task-row">
      <div className="task-main">
        <Link to={`/app/orders/${encodeURIComponent(order.orderNo)}`} className="task-link">
          {order.orderNo}
        </Link>
        <span className="task-tags">
          <StatusBadge status={order.status} />
          {order.urgent && <span className="badge badge-urgent">{t('order.urgent')}</span>}
          <span className="badge">{label('orderKind', order.kind)}</span>
        </span>
      </div>
      <div className="task-meta">
        <span>{order.customer.name}</span>
        <span>{t('task.version', { version: order.version })}</span>
        <time dateTime={order.createdAt}>{formatDateTime(order.createdAt, timeZone)}</time>
      </div>
    </li>
  );
}

function OrderFilters({ status, onStatus }: { status: string; onStatus(s: string): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (number.trim()) void navigate(`/app/orders/${encodeURIComponent(number.trim())}`);
  };
  return (
    <form className="filters" onSubmit={open}>
      <label>
        {t('order.openByNumber')}
        <input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="SO-20260101-0001" />
      </label>
      <button type="submit">{t('order.open')}</button>
      <label>
        {t('order.filterStatus')}
        <select value={status} onChange={(e) => onStatus(e.target.value)}>
          <option value="">{t('inbox.all')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {label('status', s)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/** Orders the user may see, newest first; an auditor opens any order's timeline from here. */
export function Orders() {
  const { t } = useTranslation();
  const { call } = useSession();
  const [params, setParams] = useSearchParams();
  const [more, setMore] = useState<{ items: OrderSummaryRow[]; cursor: string | null }>();
  const status = params.get('status') ?? '';
  const first = useLoad(() => call<Page>('GET', `/orders${status ? `?status=${status}` : ''}`), status);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor) return;
    const page = await call<Page>('GET', `/orders?${new URLSearchParams({ cursor, ...(status ? { status } : {}) })}`);
    setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
  }

  return (
    <section aria-labelledby="orders-title">
      <div className="page-head">
        <h1 id="orders-title">{t('order.listTitle')}</h1>
        <OrderFilters
          status={status}
          onStatus={(s) => {
            setMore(undefined);
            setParams(s ? { status: s } : {}, { replace: true });
          }}
        />
      </div>
      <ProblemBanner problem={first.problem} onRetry={first.reload} />
      {first.data && items.length === 0 && <p className="empty">{t('order.empty')}</p>}
      <ul className="task-list">
        {items.map((o) => (
          <OrderRow key={o.orderNo} order={o} />
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          {t('order.loadMore')}
        </button>
      )}
    </section>
  );
}
