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

export function Kpis() {
  const { t } = useTranslation();
  const label = useLabel();
  const { call, token, timeZone, features } = useSession();
  const [month, setMonth] = useState(() => localMonth(new Date(), timeZone));
  const [department, setDepartment] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const { from, to } = monthRange(month);
  const query = new URLSearchParams({ from, to, ...(department ? { department } : {}) }).toString();
  const loaded = useLoad(() => call<KpiAnswer>('GET', `/kpis?${query}`), query);
  const csv = offers(features, 'get', '/kpis/reports/{month}');

  async function download() {
    setProblem(undefined);
    try {
      await downloadFile(token, `/kpis/reports/${month}?format=csv`, `kpis-${month}.csv`);
    } catch (err) {
      setProblem(problemOf(err));
    }
  }

  return (
    <section aria-labelledby="kpi-title">
      <div className="page-head">
        <h1 id="kpi-title">{t('kpi.title')}</h1>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('kpi.month')}
            <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          </label>
          <label>
            {t('kpi.department')}
            <select value={department} onChange={(e) => setDepartment(e.target.value)}>
              <option value="">{t('kpi.allDepartments')}</option>
              {allDepartments.map((d) => (
                <option key={d} value={d}>
                  {label('department', d)}
                </option>
              ))}
            </select>
          </label>
          {csv && (
            <button type="button" onClick={() => void download()}>
              {t('kpi.download')}
            </button>
          )}
        </form>
      </div>
      <ProblemBanner problem={problem} />
      {loaded.problem?.kind === 'notFound' ? (
        <p className="banner banner-other">{t('kpi.unavailable')}</p>
      ) : (
        <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />
      )}
      {loaded.data && (
        <>
          <p className="hint">{t('kpi.period', { from: loaded.data.from, to: loaded.data.to, timeZone: loaded.data.timeZone })}</p>
          {loaded.data.kpis.length === 0 && <p className="empty">{t('kpi.empty')}</p>}
          <div className="charts">
            {byUnit(loaded.data.kpis).map(([unit, kpis]) => (
              <UnitChart key={unit} unit={unit} kpis={kpis} />
            ))}
          </div>
          <KpiTable kpis={loaded.data.kpis} />
        </>
      )}
    </section>
  );
}
