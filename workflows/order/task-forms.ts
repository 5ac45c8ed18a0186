import { formValidators, taskOutcomes } from './generated/task-validators';
import type { TaskKind } from './task-kinds';

// The Update validator's check of a completion against the task's published form. The
// validators are generated from the forms (`npm run gen:forms`) and built only when used.

export function outcomesOf(kind: TaskKind): string[] {
  return [...taskOutcomes[kind]];
}

export type FormCheck = { ok: true } | { ok: false; message: string; issues: { path: string; message: string }[] };

export function checkForm(kind: TaskKind, outcome: string, data: unknown): FormCheck {
  const key = `${kind}.${outcome}`;
  const allowed = taskOutcomes[kind] ?? [];
  if (!allowed.includes(outcome) || !Object.hasOwn(formValidators, key)) {
    return {
      ok: false,
      message: `outcome '${outcome}' is not allowed; allowed: ${allowed.join(', ') || 'none'}`,
      issues: [{ path: 'outcome', message: 'not an allowed outcome' }],
    };
  }
  const validate = formValidators[key]();
  if (validate(data ?? {})) return { ok: true };
  const issues = (validate.errors ?? []).map((e) => ({
    path: ['data', ...e.instancePath.split('/').filter(Boolean)].join('.'),
    message: e.message ?? 'invalid',
  }));
  return {
    ok: false,
    message: `data does not match the '${outcome}' form: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  };
}
