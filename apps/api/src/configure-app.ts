import { AppConfig, createValidationPipe } from '#core';
import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { buildOpenApiDocument } from './openapi-document';
import { recordHttpMetrics } from './http-metrics';
import { mountQueueBoard } from './queue-board';
import { QUEUE_BOARD_PATH } from './queue-board-ticket';
import { isApiPath, serveConsole } from './serve-console';

/**
 * Security headers: a JSON API loads nothing, so its CSP allows nothing; the OpenAPI UI gets helmet's default CSP;
 * the console loads only its own scripts, and its own styles plus the inline ones antd's CSS-in-JS writes.
 */
function securityHeaders(app: INestApplication): void {
  const api = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docs = helmet();
  // Bull Board's pages: its own scripts, its styles (and their Google font), nothing from elsewhere
  const board = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
        fontSrc: ["'self'", 'data:', 'https://fonts.gstatic.com'],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  const consolePages = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store'); // tokens and personal data stay out of caches
    (req.path.startsWith('/api/docs') ? docs : req.path.startsWith(QUEUE_BOARD_PATH) ? board : isApiPath(req.path) ? api : consolePages)(req, res, next);
  });
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // behind scripts/proxy.js or another load balancer: the client's address from X-Forwarded-For (login throttle, audit)
  app.getHttpAdapter().getInstance().set('trust proxy', app.get(AppConfig).trustProxy);
}

/**
 * Everything main.ts and the e2e tests set on the HTTP app: request metrics, prefix, headers, the queue dashboard, the
 * console at /, validation, OpenAPI.
 */
export function configureApp(app: INestApplication): void {
  recordHttpMetrics(app);
  securityHeaders(app);
  mountQueueBoard(app);
  serveConsole(app);
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // the OpenAPI UI maps every route for an attacker: off in production unless OPENAPI_ENABLED=true
  if (!app.get(AppConfig).openApiEnabled) return;
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
