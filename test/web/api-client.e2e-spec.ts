import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument, SCHEMA_FILE, schemaSource } from '../../scripts/api-client';

/** The console's generated API types must match the routes as they are now. `npm run api:client` rewrites them. */
describe('console API client', () => {
  it('schema.d.ts is what the OpenAPI document generates', async () => {
    const fresh = await schemaSource(await openApiDocument());
    if (process.env.YINGBAO_WRITE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, fresh);
    if (fresh !== readFileSync(SCHEMA_FILE, 'utf8')) throw new Error('apps/web/src/api/schema.d.ts is out of date: run npm run api:client');
  });
});
