import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StatusBadge, useLabel } from './Labels';
import { Empty, Section } from './Section';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

// The order page's sections. Each reads its own route; a section the API does not show
// this user (403/404) is left out, the rest stands.

interface TimelineEvent {
  at: string;
  type: string;
  summary: string;
  by?: { name: string };
  taskId?: string;
  department?: string;
  dueAt?: string;
  status?: string;
  outcome?: string;
}

export function Timeline({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { timeZone } = useSession();
  return (
    <Section<{ events: TimelineEvent[] }> path={`/orders/${encodeURIComponent(orderNo)}/history`}>
      {({ events }) =>
        events.length === 0 ? (
          <Empty />
        ) : (
          <ol className="timeline">
            {events.map((e, i) => (
              <li key={i} className={`event event-${e.type}`}>
                <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
                <div>
                  <strong>{label('event', e.type)}</strong>
                  {e.department && <span className="badge">{label('department', e.department)}</span>}
                  {e.status && <StatusBadge status={e.status} />}
                  {e.outcome && <span className="badge">{label('outcome', e.outcome)}</span>}
                  <p className="summary">{e.summary}</p>
                  <p className="hint">
                    {e.by?.name && t('order.by', { name: e.by.name })}{' '}
                    {e.dueAt && t('order.dueAt', { time: formatDateTime(e.dueAt, timeZone) })}{' '}
                    {e.taskId && <Link to={`/app/tasks/${encodeURIComponent(e.taskId)}`}>{e.taskId}</Link>}
                  </p>
                </div>
              </li>
            ))}
          </ol>
        )
      }
    </Section>
  );
}

interface Version {
  version: number;
  reason: string;
  createdBy: string;
  createdAt: string;
  diff: { path?: string; field?: string; before?: unknown; after?: unknown }[];
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function Versions({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  return (
    <Section<{ items: Version[] }> path={`/orders/${encodeURIComponent(orderNo)}/versions`}>
      {({ items }) =>
        items.length === 0 ? (
          <Empty />
        ) : (
          <div>
            {items.map((v) => (
              <section key={v.version} className="card">
                <h3>
                  {t('task.version', { version: v.version })} · {formatDateTime(v.createdAt, timeZone)} ·{' '}
                  {t('order.by', { name: v.createdBy })}
                </h3>
                <p>{v.reason}</p>
                {v.diff.length === 0 ? (
                  <p className="hint">{t('order.firstVersion')}</p>
                ) : (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('order.field')}</th>
                        <th scope="col">{t('order.before')}</th>
                        <th scope="col">{t('order.after')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {v.diff.map((d, i) => (
                        <tr key={i}>
                          <td>{t(`field.${d.field ?? d.path}`, { defaultValue: d.field ?? d.path })}</td>
                          <td className="before">{show(d.before)}</td>
                          <td className="after">{show(d.after)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            ))}
          </div>
        )
      }
    </Section>
  );
}
