import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../components/Chart';
import { useLabel } from '../components/Labels';
import { ProblemBanner } from '../components/ProblemBanner';
import { downloadFile, problemOf } from '../lib/api';
import { allDepartments } from '../lib/departments';
import { offers } from '../lib/features';
import { useLoad } from '../lib/hooks';
import { byUnit, formatValue, type Kpi, type KpiAnswer, type KpiUnit } from '../lib/kpis';
import type { Problem } from '../lib/problems';
import { localMonth, monthRange } from '../lib/time';
import { useSession } from '../session';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function useChartOption(unit: KpiUnit, kpis: Kpi[]): ChartOption {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const k = kpis[p.dataIndex];
          const lines = [
            `<strong>${escapeHtml(k.name)}</strong> (${escapeHtml(k.clause)})`,
            `${t('kpi.value')}: ${formatValue(k)}`,
            `${t('kpi.numerator')}: ${k.numerator ?? '—'} · ${t('kpi.denominator')}: ${k.denominator ?? '—'}`,
          ];
          if (k.value === null && k.reason) lines.push(`${t('kpi.reason')}: ${escapeHtml(k.reason)}`);
          return lines.join('<br/>');
        },
      },
      xAxis: { type: 'value', max: unit === 'percent' ? 100 : undefined },
      yAxis: { type: 'category', data: kpis.map((k) => k.name), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t(`unit.${unit}`),
          data: kpis.map((k) => k.value ?? 0),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => formatValue(kpis[p.dataIndex]) },
          itemStyle: { color: '#1f5fa8' },
          barMaxWidth: 28,
        },
      ],
    }),
    [kpis, unit, t],
  );
}

function UnitChart({ unit, kpis }: { unit: KpiUnit; kpis: Kpi[] }) {
  const { t } = useTranslation();
  const option = useChartOption(unit, kpis);
  return (
    <section className="card" aria-label={t('kpi.chartLabel', { unit: t(`unit.${unit}`) })}>
      <h2>{t('kpi.chartLabel', { unit: t(`unit.${unit}`) })}</h2>
      <Chart option={option} label={t('kpi.chartLabel', { unit: t(`unit.${unit}`) })} height={Math.max(160, kpis.length * 44 + 40)} />
    </section>
  );
}

function KpiTable({ kpis }: { kpis: Kpi[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <section className="card">
      <h2>{t('kpi.table')}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {['name', 'clause', 'department', 'value', 'numerator', 'denominator', 'reason'].map((c) => (
                <th key={c} scope="col">
                  {t(`kpi.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kpis.map((k) => (
              <tr key={`${k.id}-${k.department ?? ''}`}>
                <td>{k.name}</td>
                <td>{k.clause}</td>
                <td>{k.department ? label('department', k.department) : t('kpi.allDepartments')}</td>
                <td>{k.value === null ? t('kpi.noValue') : formatValue(k)}</td>
                <td>{k.numerator ?? '—'}</td>
                <td>{k.denominator ?? '—'}</td>
                <td>{k.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface Filter {
  month: string;
  department: string;
}

function KpiFilters({ filter, onChange, onDownload }: { filter: Filter; onChange(f: Filter): void; onDownload?: () => void }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('kpi.month')}
        <input type="month" value={filter.month} onChange={(e) => e.target.value && onChange({ ...filter, month: e.target.value })} />
      </label>
      <label>
        {t('kpi.department')}
        <select value={filter.department} onChange={(e) => onChange({ ...filter, department: e.target.value })}>
          <option value="">{t('kpi.allDepartments')}</option>
          {allDepartments.map((d) => (
            <option key={d} value={d}>
              {label('department', d)}
            </option>
          ))}
        </select>
      </label>
      {onDownload && (
        <button type="button" onClick={onDownload}>
          {t('kpi.download')}
        </button>
      )}
    </form>
  );
}

function KpiReport({ answer }: { answer: KpiAnswer }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">{t('kpi.period', { from: answer.from, to: answer.to, timeZone: answer.timeZone })}</p>
      {answer.kpis.length === 0 && <p className="empty">{t('kpi.empty')}</p>}
      <div className="charts">
        {byUnit(answer.kpis).map(([unit, kpis]) => (
          <UnitChart key={unit} unit={unit} kpis={kpis} />
        ))}
      </div>
      <KpiTable kpis={answer.kpis} />
    </>
  );
}

export function Kpis() {
  const { t } = useTranslation();
  const { call, token, timeZone, features } = useSession();
  const [filter, setFilter] = useState<Filter>(() => ({ month: localMonth(new Date(), timeZone), department: '' }));
  const [problem, setProblem] = useState<Problem>();
  const { from, to } = monthRange(filter.month);
  const query = new URLSearchParams({ from, to, ...(filter.department ? { department: filter.department } : {}) }).toString();
  const loaded = useLoad(() => call<KpiAnswer>('GET', `/kpis?${query}`), query);

  async function download() {
    setProblem(undefined);
    try {
      await downloadFile(token, `/kpis/reports/${filter.month}?format=csv`, `kpis-${filter.month}.csv`);
    } catch (err) {
      setProblem(problemOf(err));
    }
  }

  return (
    <section aria-labelledby="kpi-title">
      <div className="page-head">
        <h1 id="kpi-title">{t('kpi.title')}</h1>
        <KpiFilters
          filter={filter}
          onChange={setFilter}
          onDownload={offers(features, 'get', '/kpis/reports/{month}') ? () => void download() : undefined}
        />
      </div>
      <ProblemBanner problem={problem} />
      {loaded.problem?.kind === 'notFound' ? (
        <p className="banner banner-other">{t('kpi.unavailable')}</p>
      ) : (
        <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />
      )}
      {loaded.data && <KpiReport answer={loaded.data} />}
    </section>
  );
}
