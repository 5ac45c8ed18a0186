import { networkProblem, toProblem, type Problem } from './problems';

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export interface CallOptions {
  body?: unknown;
  /** Where field errors of a 400 live in the body (`data` for task completion, `body` for create). */
  dataRoot?: string;
  accept?: string;
  headers?: Record<string, string>;
}

let onUnauthenticated: () => void = () => {};
/** The session listens here so that an expired token returns the user to sign-in. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function send(token: string | undefined, method: string, path: string, opts: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json', ...opts.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch (err) {
    throw new ApiProblem(networkProblem(String(err)));
  }
}

/** One call to the API; any non-2xx answer becomes an ApiProblem. */
export async function callApi<T>(token: string | undefined, method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const res = await send(token, method, path, opts);
  if (res.ok) {
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }
  const body: unknown = await res.json().catch(() => null);
  const problem = toProblem(res.status, body, res.headers.get('retry-after'), opts.dataRoot);
  if (problem.kind === 'unauthenticated' && token) onUnauthenticated();
  throw new ApiProblem(problem);
}

/** A file the API serves (CSV), handed to the browser as a download. */
export async function downloadFile(token: string | undefined, path: string, filename: string): Promise<void> {
  const res = await send(token, 'GET', path, { accept: 'text/csv' });
  if (!res.ok) throw new ApiProblem(toProblem(res.status, await res.json().catch(() => null), res.headers.get('retry-after')));
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const problemOf = (err: unknown): Problem =>
  err instanceof ApiProblem ? err.problem : networkProblem(err instanceof Error ? err.message : String(err));
