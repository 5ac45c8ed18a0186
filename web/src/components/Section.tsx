import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemBanner } from './ProblemBanner';
import { useLoad } from '../lib/hooks';
import { useSession } from '../session';

/**
 * One part of a page read from its own route. What the API does not show this user
 * (403/404) is left out and the rest of the page stands.
 */
export function Section<T>({ path, children }: { path: string; children(data: T): ReactNode }) {
  const { t } = useTranslation();
  const { call } = useSession();
  const loaded = useLoad(() => call<T>('GET', path), path);
  if (loaded.problem?.kind === 'notFound' || loaded.problem?.kind === 'forbidden') return null;
  if (loaded.problem) return <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />;
  if (!loaded.data) return <p>{t('app.loading')}</p>;
  return <>{children(loaded.data)}</>;
}

export function Empty() {
  const { t } = useTranslation();
  return <p className="empty">{t('order.none')}</p>;
}
