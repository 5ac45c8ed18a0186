import fp from 'fastify-plugin';
import { isCleanText } from '../../lib/clean-text';
import { ApiError } from '../../orders/errors';

// One check for every string a request carries (path, query, headers, body, and object
// keys): text with a NUL byte or a lone surrogate can never be stored, so it is refused
// with a 400 before any route sees it.

/** The location of the first string that cannot be stored, walking iteratively (bodies may nest deeply). */
export function firstUnstorable(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isCleanText(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (!isCleanText(k)) return `${path} (a key)`;
        stack.push([item, `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

function check(parts: [unknown, string][]): void {
  for (const [value, root] of parts) {
    const path = firstUnstorable(value, root);
    if (path) {
      throw new ApiError(400, 'VALIDATION_FAILED', `${path} contains a NUL byte or a lone surrogate, which cannot be stored`, [
        { path, message: 'contains a NUL byte or a lone surrogate' },
      ]);
    }
  }
}

export default fp(
  async (app) => {
    // Before authentication, so that no check or log sees such a string.
    app.addHook('onRequest', async (request) => {
      check([
        [request.params, 'params'],
        [request.query, 'querystring'],
        [request.headers, 'headers'],
      ]);
    });
    app.addHook('preValidation', async (request) => {
      check([[request.body, 'body']]);
    });
  },
  { name: 'input-guard' },
);
