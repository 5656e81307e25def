import { documentErrors, documentIdempotencyKey, ErrorResponseDto } from '#core';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document of the HTTP app: served at /api/docs-json (configure-app.ts) and read by
 * scripts/api-client.ts, which generates the console's types from it without a running server.
 * The app's global prefix must be set before (setGlobalPrefix), as configureApp does.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Yingbao 应保尽保 API')
    .setDescription('Social-insurance coverage-expansion campaigns: organisation, targets, progress, registry, enforcement, notices.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return documentErrors(documentIdempotencyKey(SwaggerModule.createDocument(app, doc, { extraModels: [ErrorResponseDto] })));
}
