import { METRICS } from '#core';
import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { QUEUE_BOARD_PATH } from './queue-board-ticket';
import { isApiPath } from './serve-console';

/**
 * The route template a request matched (`/api/campaigns/:id`), never its raw URL (ids would make one series per
 * record); requests no controller took are counted together: the console's pages and files, the queue dashboard,
 * and `unmatched` (404s).
 */
export function routeLabel(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  const path = req.originalUrl.split('?')[0];
  if (path.startsWith(QUEUE_BOARD_PATH)) return QUEUE_BOARD_PATH;
  if (path.startsWith('/assets/')) return '/assets';
  return isApiPath(path) ? 'unmatched' : 'console';
}

/** Times every request into yingbao_http_request_duration_seconds by method, route template and status. */
export function recordHttpMetrics(app: INestApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = METRICS.httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }));
    next();
  });
}
