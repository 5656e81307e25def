import { AppConfig, createValidationPipe } from '#core';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Everything main.ts and the e2e tests set on the HTTP app: prefix, validation, OpenAPI. */
export function configureApp(app: INestApplication): void {
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
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
