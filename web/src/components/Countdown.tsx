import { useTranslation } from 'react-i18next';
import { countdown, countdownText, formatDateTime } from '../lib/time';
import { useSession } from '../session';

/** A deadline as a countdown, with the exact time in the policy zone beside it. */
export function Countdown({ dueAt, now, overdue }: { dueAt: string; now: Date; overdue?: boolean }) {
  const { t } = useTranslation();
  const { timeZone } = useSession();
  const c = countdown(dueAt, now);
  const late = overdue || c.overdue;
  return (
    <span className={late ? 'countdown overdue' : 'countdown'}>
      <time dateTime={dueAt}>{formatDateTime(dueAt, timeZone)}</time>
      <span className="countdown-text">{countdownText(c, t)}</span>
    </span>
  );
}
