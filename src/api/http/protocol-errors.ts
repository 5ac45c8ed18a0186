import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

// Failures the framework and Node's HTTP parser answer before any route runs, in the same
// { error: { code, message } } shape as every other answer.

/** Stable codes for the framework's own client errors. */
const frameworkCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

export const clientErrorCode = (err: FastifyError): string => frameworkCodes[err.code] ?? 'BAD_REQUEST';

const body = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/** Fastify's `frameworkErrors`: a URL that is not valid percent-encoding, or a path parameter past its length. */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).type('application/json').send(body('URI_TOO_LONG', 'a path parameter is longer than any this API accepts'));
    return;
  }
  void reply.code(400).type('application/json').send(body('BAD_URL', 'the URL is not valid percent-encoded UTF-8'));
}

/** Node's `clientError`: the request could not even be parsed, so the answer is written to the socket. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return;
  const [status, reason, text] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', body('HEADERS_TOO_LARGE', 'the request line and headers exceed the size this API accepts')]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', body('REQUEST_TIMEOUT', 'the request took too long to arrive')]
        : [400, 'Bad Request', body('BAD_REQUEST', 'the request is not valid HTTP')];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
