import { AppConfig, createValidationPipe } from '#core';
import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { buildOpenApiDocument } from './openapi-document';
import { isApiPath, serveConsole } from './serve-console';

/**
 * Security headers: a JSON API loads nothing, so its CSP allows nothing; the OpenAPI UI gets helmet's default CSP;
 * the console loads only its own scripts, and its own styles plus the inline ones antd's CSS-in-JS writes.
 */
function securityHeaders(app: INestApplication): void {
  const api = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docs = helmet();
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
    (req.path.startsWith('/api/docs') ? docs : isApiPath(req.path) ? api : consolePages)(req, res, next);
  });
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // behind scripts/proxy.js or another load balancer: the client's address from X-Forwarded-For (login throttle, audit)
  app.getHttpAdapter().getInstance().set('trust proxy', app.get(AppConfig).trustProxy);
}

/** Everything main.ts and the e2e tests set on the HTTP app: prefix, headers, the console at /, validation, OpenAPI. */
export function configureApp(app: INestApplication): void {
  securityHeaders(app);
  serveConsole(app);
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // the OpenAPI UI maps every route for an attacker: off in production unless OPENAPI_ENABLED=true
  if (!app.get(AppConfig).openApiEnabled) return;
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
