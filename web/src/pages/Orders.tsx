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

/** Orders the user may see, newest first; an auditor opens any order's timeline from here. */
export function Orders() {
  const { t } = useTranslation();
  const label = useLabel();
  const { call, timeZone } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [number, setNumber] = useState('');
  const [more, setMore] = useState<{ items: OrderSummaryRow[]; cursor: string | null }>();
  const status = params.get('status') ?? '';
  const first = useLoad(
    () => call<{ items: OrderSummaryRow[]; nextCursor: string | null }>('GET', `/orders${status ? `?status=${status}` : ''}`),
    status,
  );
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor) return;
    const q = new URLSearchParams({ cursor, ...(status ? { status } : {}) });
    const page = await call<{ items: OrderSummaryRow[]; nextCursor: string | null }>('GET', `/orders?${q}`);
    setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
  }
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (number.trim()) void navigate(`/app/orders/${encodeURIComponent(number.trim())}`);
  };

  return (
    <section aria-labelledby="orders-title">
      <div className="page-head">
        <h1 id="orders-title">{t('order.listTitle')}</h1>
        <form className="filters" onSubmit={open}>
          <label>
            {t('order.openByNumber')}
            <input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="SO-20260101-0001" />
          </label>
          <button type="submit">{t('order.open')}</button>
          <label>
            {t('order.filterStatus')}
            <select
              value={status}
              onChange={(e) => {
                setMore(undefined);
                setParams(e.target.value ? { status: e.target.value } : {}, { replace: true });
              }}
            >
              <option value="">{t('inbox.all')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {label('status', s)}
                </option>
              ))}
            </select>
          </label>
        </form>
      </div>
      <ProblemBanner problem={first.problem} onRetry={first.reload} />
      {first.data && items.length === 0 && <p className="empty">{t('order.empty')}</p>}
      <ul className="task-list">
        {items.map((o) => (
          <li key={o.orderNo} className="task-row">
            <div className="task-main">
              <Link to={`/app/orders/${encodeURIComponent(o.orderNo)}`} className="task-link">
                {o.orderNo}
              </Link>
              <span className="task-tags">
                <StatusBadge status={o.status} />
                {o.urgent && <span className="badge badge-urgent">{t('order.urgent')}</span>}
                <span className="badge">{label('orderKind', o.kind)}</span>
              </span>
            </div>
            <div className="task-meta">
              <span>{o.customer.name}</span>
              <span>{t('task.version', { version: o.version })}</span>
              <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, timeZone)}</time>
            </div>
          </li>
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
