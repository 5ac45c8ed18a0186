// Database errors carry the values of the failed query: drizzle puts the parameters into
// the message ("Failed query: … params: …"), PostgreSQL's detail repeats a conflicting
// value, and debug builds of postgres.js attach the parameters. An order's parameters are
// customer data, so an error is stripped of all of them before it is logged or recorded.

/** Properties that hold query values, wherever in an error's chain they appear. */
const valueProps = new Set(['params', 'parameters', 'args', 'detail', 'where', 'data']);

const PARAMS_MARKER = '\nparams: ';

/** The message without the parameters drizzle appends to it. */
export function redactMessage(message: string): string {
  const at = message.indexOf(PARAMS_MARKER);
  return at === -1 ? message : `${message.slice(0, at)}\nparams: [redacted]`;
}

/** A copy of the error (and its causes) safe to log: same name, code and query text, no values. */
export function redactError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 5) return err;
  const message = redactMessage(err.message);
  const copy = new Error(message, err.cause === undefined ? undefined : { cause: redactError(err.cause, depth + 1) });
  copy.name = err.name;
  copy.stack = err.stack?.split(err.message).join(message);
  for (const [key, value] of Object.entries(err)) {
    if (key === 'cause' || key === 'message' || key === 'stack') continue;
    (copy as unknown as Record<string, unknown>)[key] = valueProps.has(key) ? '[redacted]' : value;
  }
  return copy;
}

/** The error as a log entry: its type, redacted message and stack, its own fields but values, and its causes alike. */
export function loggableError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 5) return err;
  const message = redactMessage(err.message);
  const entry: Record<string, unknown> = {
    type: err.constructor?.name ?? err.name,
    message,
    stack: err.stack?.split(err.message).join(message),
  };
  for (const [key, value] of Object.entries(err)) {
    if (key === 'cause' || key === 'message' || key === 'stack') continue;
    entry[key] = valueProps.has(key) ? '[redacted]' : value;
  }
  if (err.cause !== undefined) entry.cause = loggableError(err.cause, depth + 1);
  return entry;
}
