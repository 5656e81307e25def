/**
 * Errors that mean PostgreSQL or Redis is not there (down, restarting, refusing connections), not that
 * the request was wrong: the API answers them 503 with Retry-After, never 500.
 */
export type Outage = 'PostgreSQL' | 'Redis';

/** SQLSTATE classes and codes of a server that is unavailable: 08 connection exception, 57P01–57P03 shutdown / starting up, 53300 too many connections. */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** What node and pg's pool say when a connection cannot be made or is gone. */
const CONNECTION_LOST =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|EPIPE|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/;

type ErrorLike = { code?: unknown; name?: unknown; message?: unknown; stack?: unknown; driverError?: unknown; cause?: unknown };

export function outageOf(exception: unknown): Outage | null {
  let e = exception as ErrorLike | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++, e = (e.driverError ?? e.cause) as ErrorLike | undefined) {
    const text = `${String(e.code ?? '')} ${String(e.message ?? '')}`;
    // ioredis: a command given up on while reconnecting, or sent on a closed connection
    if (e.name === 'MaxRetriesPerRequestError' || /Connection is closed/.test(text) || /[\\/]ioredis[\\/]/.test(String(e.stack ?? ''))) {
      if (e.name === 'MaxRetriesPerRequestError' || /Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(text)) return 'Redis';
    }
    if (typeof e.code === 'string' && PG_UNAVAILABLE.test(e.code)) return 'PostgreSQL';
    if (CONNECTION_LOST.test(text)) return 'PostgreSQL';
  }
  return null;
}

export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export function outageMessage(o: Outage): string {
  return o === 'PostgreSQL'
    ? '系统暂时无法连接数据库，请稍后再试 (PostgreSQL is not reachable)'
    : '系统暂时无法连接队列服务，请稍后再试 (Redis is not reachable)';
}
