import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** The header a request id comes in (from a proxy that made one) and goes back in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A proxy's id is kept when it is 1–100 visible ASCII characters (no spaces), else a fresh UUID is made. */
const USABLE = /^[\x21-\x7e]{1,100}$/;

/** The id of a request (pino-http's genReqId): every log line of the request and its error answer carry it; the response echoes it. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && USABLE.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}
