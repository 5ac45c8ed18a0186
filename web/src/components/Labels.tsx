import { useTranslation } from 'react-i18next';

// Names from the policy (statuses, departments, task kinds…) in the current language;
// a name this page does not know yet is shown as the API gives it.

export function useLabel() {
  const { t } = useTranslation();
  return (group: string, value: string | null | undefined): string => (value ? t(`${group}.${value}`, { defaultValue: value }) : '');
}

export function StatusBadge({ status, group = 'status' }: { status: string; group?: string }) {
  const label = useLabel();
  return <span className={`badge badge-${status.toLowerCase()}`}>{label(group, status)}</span>;
}
