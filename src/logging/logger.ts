import pino, { type Logger } from 'pino';
import { loggableError } from './redact-error';

// The service's log: requests by method and path only (a query string can hold customer
// data, a body always does), errors without the values of the queries that failed.

interface LoggedRequest {
  method: string;
  url: string;
  routeOptions?: { url?: string };
  ip?: string;
  socket?: { remotePort?: number };
}

export const serializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    path: req.url.split('?')[0],
    route: req.routeOptions?.url,
    remoteAddress: req.ip,
  }),
  err: loggableError,
};

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, serializers, redact: ['req.headers.authorization', 'req.headers.cookie'] }, destination);
}
