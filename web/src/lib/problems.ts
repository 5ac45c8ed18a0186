// What an API error means to the person at the page. The API answers every error as
// { error: { code, message, details? } }; a 400 on completion carries details
// [{ path: 'data.reasons', message }] that belong next to the fields of the form.

export type ProblemKind = 'validation' | 'conflict' | 'unavailable' | 'forbidden' | 'notFound' | 'unauthenticated' | 'network' | 'other';

/** The error tree @rjsf/core shows beside fields: { reasons: { __errors: [...] }, batches: { 0: {...} } }. */
export interface FieldErrors {
  __errors?: string[];
  [key: string]: FieldErrors | string[] | undefined;
}

export interface Problem {
  kind: ProblemKind;
  status: number;
  code: string;
  message: string;
  /** Errors located in the form's data, for the fields. */
  fieldErrors: FieldErrors;
  /** Errors about anything else (outcome, comment), shown above the form. */
  otherErrors: string[];
  retryAfterSeconds?: number;
}

interface Detail {
  path: string;
  message: string;
}

const isDetail = (d: unknown): d is Detail =>
  typeof d === 'object' && d !== null && typeof (d as Detail).path === 'string' && typeof (d as Detail).message === 'string';

function addAt(tree: FieldErrors, path: string[], message: string): void {
  let node = tree;
  for (const segment of path) {
    const next = (node[segment] as FieldErrors | undefined) ?? {};
    node[segment] = next;
    node = next;
  }
  node.__errors = [...(node.__errors ?? []), message];
}

/** Splits `details` into errors under `data.` (a tree for the form) and the rest. */
export function fieldErrorsOf(details: unknown, root = 'data'): { fieldErrors: FieldErrors; otherErrors: string[] } {
  const fieldErrors: FieldErrors = {};
  const otherErrors: string[] = [];
  for (const d of Array.isArray(details) ? details.filter(isDetail) : []) {
    const [head, ...rest] = d.path.split('.').filter(Boolean);
    if (head === root) addAt(fieldErrors, rest, d.message);
    else otherErrors.push(`${d.path}: ${d.message}`);
  }
  return { fieldErrors, otherErrors };
}

const kindByStatus: Record<number, ProblemKind> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  503: 'unavailable',
};

/** Reads Retry-After as seconds (either delta-seconds or an HTTP date). */
export function retryAfterSeconds(header: string | null, now = new Date()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export function toProblem(status: number, body: unknown, retryAfter: string | null = null, dataRoot = 'data'): Problem {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const kind: ProblemKind = kindByStatus[status] ?? (status >= 500 ? 'other' : 'other');
  const { fieldErrors, otherErrors } =
    kind === 'validation' ? fieldErrorsOf(error?.details, dataRoot) : { fieldErrors: {}, otherErrors: [] };
  return {
    kind,
    status,
    code,
    message,
    fieldErrors,
    otherErrors,
    retryAfterSeconds: kind === 'unavailable' ? (retryAfterSeconds(retryAfter) ?? 5) : undefined,
  };
}

export const networkProblem = (message: string): Problem => ({
  kind: 'network',
  status: 0,
  code: 'NETWORK',
  message,
  fieldErrors: {},
  otherErrors: [],
});

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The sentence the page shows for a problem, in the current language. */
export function problemText(p: Problem, t: Translate, context: 'task' | 'general' = 'general'): string {
  switch (p.kind) {
    case 'validation':
      return t('errors.validation', { message: p.message });
    case 'conflict':
      return context === 'task' && p.code === 'TASK_NOT_OPEN' ? t('errors.conflict') : t('errors.conflictGeneric', { message: p.message });
    case 'unavailable':
      return t('errors.unavailable', { seconds: p.retryAfterSeconds ?? 5 });
    case 'forbidden':
      return t('errors.forbidden', { message: p.message });
    case 'notFound':
      return t('errors.notFound');
    case 'unauthenticated':
      return t('errors.unauthenticated');
    case 'network':
      return t('errors.network');
    default:
      return t('errors.other', { message: p.message });
  }
}
