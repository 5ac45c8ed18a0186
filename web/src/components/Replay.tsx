import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemBanner } from './ProblemBanner';
import { problemOf } from '../lib/api';
import { offers } from '../lib/features';
import type { Problem } from '../lib/problems';
import { isReader } from '../lib/session';
import { useSession } from '../session';

interface ReplayResult {
  ok: boolean;
  runs: number;
  divergence?: { runId: string; eventId: number; history: string; code: string };
}

/** Auditors and admins replay an order's history against the current code, where the API offers it. */
export function Replay({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  const { call, claims, features } = useSession();
  const [result, setResult] = useState<ReplayResult>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  if (!claims || !isReader(claims) || !offers(features, 'post', '/orders/{orderNo}/replay')) return null;

  async function replay() {
    setBusy(true);
    setProblem(undefined);
    setResult(undefined);
    try {
      setResult(await call<ReplayResult>('POST', `/orders/${encodeURIComponent(orderNo)}/replay`));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="replay">
      <button type="button" onClick={() => void replay()} disabled={busy}>
        {busy ? t('order.replaying') : t('order.replay')}
      </button>
      <div aria-live="polite">
        {result?.ok && <p className="banner banner-ok">{t('order.replayOk', { runs: result.runs })}</p>}
        {result && !result.ok && result.divergence && (
          <p className="banner banner-conflict">{t('order.replayDiverged', result.divergence)}</p>
        )}
      </div>
      <ProblemBanner problem={problem} />
    </div>
  );
}
