import { AppConfig, createValidationPipe, documentErrors, documentIdempotencyKey, ErrorResponseDto } from '#core';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Security headers: a JSON API loads nothing, so its CSP allows nothing; the OpenAPI UI gets helmet's default CSP. */
function securityHeaders(app: INestApplication): void {
  const api = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docs = helmet();
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store'); // tokens and personal data stay out of caches
    (req.path.startsWith('/api/docs') ? docs : api)(req, res, next);
  });
  app.getHttpAdapter().getInstance().disable('x-powered-by');
}

/** Everything main.ts and the e2e tests set on the HTTP app: prefix, headers, validation, OpenAPI. */
export function configureApp(app: INestApplication): void {
  securityHeaders(app);
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // the OpenAPI UI maps every route for an attacker: off in production unless OPENAPI_ENABLED=true
  if (!app.get(AppConfig).openApiEnabled) return;
  const doc = new DocumentBuilder()
    .setTitle('Yingbao 应保尽保 API')
    .setDescription('Social-insurance coverage-expansion campaigns: organisation, targets, progress, registry, enforcement, notices.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = documentErrors(documentIdempotencyKey(SwaggerModule.createDocument(app, doc, { extraModels: [ErrorResponseDto] })));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
