import { useTranslation } from 'react-i18next';
import { StatusBadge, useLabel } from './Labels';
import { Empty, Section } from './Section';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

// Reports, exceptions, risks and changes of one order, each from its own route.

interface Report {
  id: string;
  seq: number;
  trigger: string;
  generatedAt: string;
  deliveryStatus: string;
  sentAt: string | null;
  content: Record<string, unknown>;
}

export function Reports({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  return (
    <Section<{ items: Report[] }> path={`/orders/${encodeURIComponent(orderNo)}/reports`}>
      {({ items }) =>
        items.length === 0 ? (
          <Empty />
        ) : (
          <ul className="records">
            {items.map((r) => (
              <li key={r.id} className="card">
                <h3>
                  #{r.seq} · {formatDateTime(r.generatedAt, timeZone)} <StatusBadge status={r.deliveryStatus} group="delivery" />
                </h3>
                {r.sentAt && <p className="hint">{t('order.sentAt', { time: formatDateTime(r.sentAt, timeZone) })}</p>}
                <details>
                  <summary>{t('task.details')}</summary>
                  <pre className="json">{JSON.stringify(r.content, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ul>
        )
      }
    </Section>
  );
}

interface OrderExceptionView {
  id: string;
  type: string;
  department: string;
  description: string;
  reportedBy: { name: string };
  reportedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
}

export function Exceptions({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { timeZone } = useSession();
  return (
    <Section<{ items: OrderExceptionView[] }> path={`/orders/${encodeURIComponent(orderNo)}/exceptions`}>
      {({ items }) =>
        items.length === 0 ? (
          <Empty />
        ) : (
          <ul className="records">
            {items.map((x) => (
              <li key={x.id} className="card">
                <h3>
                  {label('exceptionType', x.type)} · {label('department', x.department)} · {formatDateTime(x.reportedAt, timeZone)}
                </h3>
                <p>{x.description}</p>
                <p className="hint">
                  {x.resolvedAt
                    ? t('order.resolved', { time: formatDateTime(x.resolvedAt, timeZone), resolution: x.resolution ?? '' })
                    : t('order.unresolved')}
                </p>
              </li>
            ))}
          </ul>
        )
      }
    </Section>
  );
}

interface RiskView {
  current: { level: string; dimensions: Record<string, { level: string; reasons: string[] }>; assessedAt: string } | null;
  events: { id: string; type: string; description: string; occurredAt: string }[];
}

export function Risks({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { timeZone } = useSession();
  return (
    <Section<RiskView> path={`/orders/${encodeURIComponent(orderNo)}/risks`}>
      {(risks) => (
        <div>
          {risks.current ? (
            <section className="card">
              <h3>
                {t('order.currentRisk')}: <StatusBadge status={risks.current.level} group="riskLevel" /> ·{' '}
                {formatDateTime(risks.current.assessedAt, timeZone)}
              </h3>
              <ul>
                {Object.entries(risks.current.dimensions).map(([name, d]) => (
                  <li key={name}>
                    {name}: {label('riskLevel', d?.level)} {d?.reasons?.length ? `— ${d.reasons.join('；')}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <Empty />
          )}
          <h3>{t('order.riskEvents')}</h3>
          {risks.events.length === 0 ? (
            <Empty />
          ) : (
            <ul>
              {risks.events.map((e) => (
                <li key={e.id}>
                  {formatDateTime(e.occurredAt, timeZone)} · {e.type}: {e.description}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Section>
  );
}

interface ChangeView {
  id: string;
  seq: number;
  status: string;
  reason: string;
  changes: Record<string, unknown>;
  requestedAt: string;
  decidedAt: string | null;
}

export function Changes({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  return (
    <Section<{ items: ChangeView[] }> path={`/orders/${encodeURIComponent(orderNo)}/changes`}>
      {({ items }) =>
        items.length === 0 ? (
          <Empty />
        ) : (
          <ul className="records">
            {items.map((c) => (
              <li key={c.id} className="card">
                <h3>
                  #{c.seq} <StatusBadge status={c.status} group="changeStatus" /> · {formatDateTime(c.requestedAt, timeZone)}
                </h3>
                <p>{c.reason}</p>
                <details>
                  <summary>{t('task.details')}</summary>
                  <pre className="json">{JSON.stringify(c.changes, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ul>
        )
      }
    </Section>
  );
}
