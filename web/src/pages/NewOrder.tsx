import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemBanner } from '../components/ProblemBanner';
import { TaskForm } from '../components/TaskForm';
import { problemOf } from '../lib/api';
import { requestBodySchema } from '../lib/features';
import { fromOpenApi30, pruneEmpty } from '../lib/forms';
import type { Problem } from '../lib/problems';
import { localDate } from '../lib/time';
import { useSession } from '../session';

/** A fresh idempotency key; randomUUID needs a secure context, getRandomValues does not. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const startingOrder = (timeZone: string) => ({
  currency: 'CNY',
  kind: 'routine',
  requestedDeliveryDate: localDate(new Date(Date.now() + 30 * 86_400_000), timeZone),
  items: [{ quantity: 1, unit: 'pcs', unitPrice: 0 }],
});

/** Sales receives an order; the form is the API's own contract for POST /orders. */
export function NewOrder() {
  const { t } = useTranslation();
  const { call, openapi, timeZone } = useSession();
  const navigate = useNavigate();
  const schema = useMemo(() => {
    const body = requestBodySchema(openapi, 'post', '/orders');
    return body && fromOpenApi30(body);
  }, [openapi]);
  // One key per filled-in form: a retried submit can never receive the order twice.
  const [idempotencyKey] = useState(newKey);
  const [data, setData] = useState<Record<string, unknown>>(() => startingOrder(timeZone));
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  async function submit(formData: Record<string, unknown>) {
    setBusy(true);
    setProblem(undefined);
    try {
      const created = await call<{ orderNo: string }>('POST', '/orders', {
        body: pruneEmpty(formData, schema?.required ?? []),
        dataRoot: 'body',
        headers: { 'idempotency-key': idempotencyKey },
      });
      void navigate(`/app/orders/${encodeURIComponent(created.orderNo)}`, {
        state: { flash: t('newOrder.created', { orderNo: created.orderNo }) },
      });
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (openapi === null) return <p>{t('app.loading')}</p>;
  return (
    <section aria-labelledby="new-order-title" className="narrow">
      <h1 id="new-order-title">{t('newOrder.title')}</h1>
      <p className="hint">{t('newOrder.intro')}</p>
      <ProblemBanner problem={problem} />
      {schema ? (
        <TaskForm
          idPrefix="order"
          schema={schema}
          formData={data}
          onChange={setData}
          onSubmit={(d) => void submit(d)}
          fieldErrors={problem?.kind === 'validation' ? problem.fieldErrors : {}}
          submitLabel={t('newOrder.submit')}
          disabled={busy}
        />
      ) : (
        <p className="banner banner-other">{t('newOrder.unavailable')}</p>
      )}
    </section>
  );
}
