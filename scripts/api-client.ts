// The console's API types (apps/web/src/api/schema.d.ts) from the API's OpenAPI document, made without a running
// server, database or Redis (a Nest app in preview mode only reads the routes' metadata). Run through jest
// (test/web/api-client.e2e-spec.ts): `npm run api:client` writes the file, `npm test` fails when it is out of date.
// Both go through the same compiler (swc), whose decorator metadata is what the document is made of.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { AppModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi-document';

/** The repo's root, from this file as TypeScript (scripts/) or compiled (dist/scripts/). */
function repoRoot(dir = __dirname): string {
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const SCHEMA_FILE = path.join(repoRoot(), 'apps/web/src/api/schema.d.ts');

/** The document /api/docs-json serves, from the modules' metadata. */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The TypeScript text of schema.d.ts for a document. */
export async function schemaSource(document: OpenAPIObject): Promise<string> {
  const r = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', 'openapi-to-ts.js')], {
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`openapi-typescript failed: ${r.stderr}`);
  return r.stdout;
}
