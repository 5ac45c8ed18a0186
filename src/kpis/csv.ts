import { stringify } from 'csv-stringify/sync';
import type { StoredReport } from './reports';

// A stored report as CSV for spreadsheets: one row per figure, UTF-8 with a byte-order
// mark so that spreadsheet programs read the Chinese names, and no cell that a
// spreadsheet would run as a formula.

const columns = [
  'month',
  'revision',
  'stored_at',
  'id',
  'name',
  'clause',
  'department',
  'unit',
  'value',
  'numerator',
  'denominator',
  'reason',
];

/** Text that starts like a formula is kept as text. */
const inert = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export function reportCsv(report: StoredReport): string {
  const rows = report.kpis.map((k) => [
    report.month,
    report.revision,
    report.storedAt,
    inert(k.id),
    inert(k.name),
    inert(k.clause),
    k.department ?? '',
    k.unit,
    k.value ?? '',
    k.numerator ?? '',
    k.denominator ?? '',
    inert(k.reason ?? ''),
  ]);
  return `\uFEFF${stringify([columns, ...rows], { record_delimiter: '\r\n' })}`;
}
