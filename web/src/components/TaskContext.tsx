import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StatusBadge, useLabel } from './Labels';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

export interface OrderDetail {
  orderNo: string;
  status: string;
  kind: string;
  urgent: boolean;
  customer: { id: string; name: string };
  version: number;
  reviewRound: number;
  createdAt: string;
  policyVersion: string;
  order: Record<string, unknown> & {
    items?: { quantity: number; unitPrice: number }[];
    currency?: string;
    requestedDeliveryDate?: string;
  };
  openTasks: { id: string; kind: string; department: string; status: string; dueAt: string; assignee: string | null }[];
  signOffs: { round: number; department: string; outcome: string; by: { name: string }; at: string }[];
}

interface Finding {
  department?: string;
  reasons?: string[];
  suggestions?: string[];
  by?: { name?: string } | null;
}

const isFinding = (v: unknown): v is Finding => typeof v === 'object' && v !== null && Array.isArray((v as Finding).reasons);

export function orderTotal(order: OrderDetail['order']): number | undefined {
  if (!Array.isArray(order.items)) return undefined;
  return order.items.reduce((sum, i) => sum + Number(i.quantity) * Number(i.unitPrice), 0);
}

export function OrderSummary({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const total = orderTotal(order.order);
  return (
    <dl className="facts">
      <dt>{t('task.orderSummary')}</dt>
      <dd>
        <Link to={`/app/orders/${encodeURIComponent(order.orderNo)}`}>{order.orderNo}</Link> <StatusBadge status={order.status} />
        {order.urgent && <span className="badge badge-urgent">{t('order.urgent')}</span>}
      </dd>
      <dt>{t('task.customer')}</dt>
      <dd>{order.customer.name}</dd>
      <dt>{t('order.kind')}</dt>
      <dd>{label('orderKind', order.kind)}</dd>
      <dt>{t('order.version')}</dt>
      <dd>
        {t('task.version', { version: order.version })} · {t('task.round', { round: order.reviewRound })}
      </dd>
      {order.order.requestedDeliveryDate && (
        <>
          <dt>{t('task.requestedDelivery')}</dt>
          <dd>{order.order.requestedDeliveryDate}</dd>
        </>
      )}
      {total !== undefined && (
        <>
          <dt>{t('task.total')}</dt>
          <dd>
            {total.toLocaleString()} {order.order.currency}
          </dd>
        </>
      )}
    </dl>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <ul className="findings">
      {findings.map((f, i) => (
        <li key={i} className="finding">
          <h4>{t('task.rejectedBy', { department: label('department', f.department), name: f.by?.name ?? '' })}</h4>
          <p className="finding-label">{t('task.reasons')}</p>
          <ul className="reasons">
            {(f.reasons ?? []).map((r, j) => (
              <li key={j}>{r}</li>
            ))}
          </ul>
          {(f.suggestions ?? []).length > 0 && (
            <>
              <p className="finding-label">{t('task.suggestions')}</p>
              <ul>
                {(f.suggestions ?? []).map((s, j) => (
                  <li key={j}>{s}</li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Context values as people read them: names in their language, lists of records as tables. */
function Value({ value, depth = 0 }: { value: unknown; depth?: number }) {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  const name = (key: string) => t(`field.${key}`, { defaultValue: key });
  if (value === null || value === undefined) return <>—</>;
  if (typeof value === 'boolean') return <>{t(value ? 'rjsf.Yes' : 'rjsf.No')}</>;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return <>{formatDateTime(value, timeZone)}</>;
  if (depth > 3) return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
  if (Array.isArray(value) && value.every(isRecord)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
    return (
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {name(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>
                    <Value value={row[c]} depth={depth + 1} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (Array.isArray(value)) return <>{value.map((v) => (isRecord(v) ? JSON.stringify(v) : String(v))).join('、')}</>;
  if (isRecord(value)) {
    return (
      <dl className="facts nested">
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{name(k)}</dt>
            <dd>
              <Value value={v} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}

/** The task's context: earlier reasons where it carries them, then whatever else it says. */
export function TaskContextView({ context }: { context: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  const entries = Object.entries(context ?? {}).filter(([k, v]) => k !== 'markers' && v !== undefined && v !== null);
  const findings = entries.filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every(isFinding));
  const rest = entries.filter((e) => !findings.includes(e));
  if (entries.length === 0) return null;
  return (
    <section className="card" aria-labelledby="context-title">
      <h2 id="context-title">{t('task.context')}</h2>
      {findings.map(([key, v]) => (
        <div key={key}>
          <h3>{t('task.rejections')}</h3>
          <Findings findings={v as Finding[]} />
        </div>
      ))}
      {rest.length > 0 && (
        <dl className="facts">
          {rest.map(([key, v]) => (
            <div key={key} className="fact">
              <dt>{t(`field.${key}`, { defaultValue: key })}</dt>
              <dd>
                <Value value={v} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
