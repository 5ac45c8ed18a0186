import { useTranslation } from 'react-i18next';
import { problemText, type Problem } from '../lib/problems';

export function ProblemBanner({ problem, context, onRetry }: { problem?: Problem; context?: 'task' | 'general'; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div className={`banner banner-${problem.kind}`} role="alert">
      <p>{problemText(problem, t, context)}</p>
      {problem.otherErrors.length > 0 && (
        <ul>
          {problem.otherErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
