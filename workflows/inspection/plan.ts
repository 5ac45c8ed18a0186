import { isWorkingDay, localDate } from '../calendar';
import { calendarOf, type Policy } from '../policy';
import type { CheckContext, CheckName, Finding } from './checks';
import type { InspectionKind, IssueRecord, Person } from './types';

// Pure rules of an inspection run: who inspects, which checks run, whether a finance run
// goes ahead today, how a sample is drawn, and which issues the inspector's answer opens.

export function inspectorOf(kind: InspectionKind, p: Policy): string {
  const i = p.inspection;
  return {
    operations: i.operations.department,
    logistics: i.logistics.department,
    finance: i.finance.department,
    complaint: i.complaintDepartment,
    audit: i.auditDepartment,
  }[kind];
}

export const checksOf: Record<InspectionKind, CheckName[]> = {
  operations: ['progress', 'compliance', 'risk'],
  logistics: ['accuracy'],
  finance: ['compliance', 'accuracy'],
  complaint: ['accuracy', 'compliance', 'risk', 'satisfaction', 'progress'],
  audit: ['accuracy', 'compliance', 'risk', 'satisfaction', 'progress'],
};

export function checkContext(p: Policy, at: Date): CheckContext {
  return {
    today: localDate(calendarOf(p), at),
    milestoneGraceDays: p.inspection.milestoneGraceDays,
    minSatisfaction: p.inspection.minSatisfaction,
    departments: {
      progress: 'production',
      logistics: 'logistics',
      finance: 'finance',
      sales: 'sales',
      risk: 'production',
      service: p.inspection.complaintDepartment,
    },
  };
}

/** The finance schedule fires on days 1–7; the run goes ahead only on the month's first working day. */
export function isFirstWorkingDayOfMonth(p: Policy, at: Date): boolean {
  const cal = calendarOf(p);
  const today = localDate(cal, at);
  if (!isWorkingDay(cal, today)) return false;
  for (let d = 1; d < Number(today.slice(8, 10)); d++) {
    if (isWorkingDay(cal, `${today.slice(0, 8)}${String(d).padStart(2, '0')}`)) return false;
  }
  return true;
}

/** `size` of the candidates, drawn without replacement with the given random source (the workflow's seeded one). */
export function drawSample(candidates: string[], size: number, random: () => number): string[] {
  const pool = [...candidates];
  const n = Math.min(size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n).sort();
}

export interface ReviewAnswer {
  decisions: (
    | { findingId: string; decision: 'confirm'; severity?: Finding['severity']; impact?: string }
    | { findingId: string; decision: 'dismiss'; reason: string }
  )[];
  added?: { orderNo?: string; content: string; impact: string; severity: Finding['severity']; department: string }[];
}

/** The issues an inspector's answer opens: each confirmed finding, then each one added by hand. */
export function issuesFrom(
  run: { id: string; kind: InspectionKind; department: string },
  findings: Finding[],
  answer: ReviewAnswer,
  by: Person,
  at: string,
): IssueRecord[] {
  const base = {
    inspectionId: run.id,
    inspectionKind: run.kind,
    foundAt: at,
    foundBy: by,
    foundByDepartment: run.department,
    verifierDepartment: run.department,
  };
  const confirmed = answer.decisions.flatMap((d) => {
    const f = findings.find((x) => x.id === d.findingId);
    if (!f || d.decision !== 'confirm') return [];
    return [
      {
        ...base,
        orderNo: f.orderNo,
        check: f.check,
        department: f.department,
        severity: d.severity ?? f.severity,
        content: f.content,
        impact: d.impact ?? `${f.check} finding on order ${f.orderNo}`,
      },
    ];
  });
  const added = (answer.added ?? []).map((a) => ({
    ...base,
    ...(a.orderNo ? { orderNo: a.orderNo } : {}),
    check: 'manual',
    department: a.department,
    severity: a.severity,
    content: a.content,
    impact: a.impact,
  }));
  return [...confirmed, ...added].map((x, i) => ({ ...x, id: `${run.id}.${i + 1}` }));
}

/** The inspector's answer must decide every finding exactly once, and name only findings of the run. */
export function reviewProblem(findings: Finding[], answer: ReviewAnswer, departments: readonly string[]): string | undefined {
  const ids = answer.decisions.map((d) => d.findingId);
  const unknown = ids.find((id) => !findings.some((f) => f.id === id));
  if (unknown) return `finding ${unknown} is not one of this inspection's`;
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) return `finding ${twice} is decided twice`;
  const open = findings.filter((f) => !ids.includes(f.id)).map((f) => f.id);
  if (open.length) return `confirm or dismiss every finding; undecided: ${open.join(', ')}`;
  const stranger = (answer.added ?? []).find((a) => !departments.includes(a.department));
  return stranger ? `'${stranger.department}' is not one of the departments` : undefined;
}

/** A scheduled run's nominal time: Temporal appends it to the schedule's workflow id; others run now. */
export function nominalTime(workflowId: string, fallback: Date): Date {
  const m = /-(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)$/.exec(workflowId);
  return m ? new Date(m[1]) : fallback;
}
