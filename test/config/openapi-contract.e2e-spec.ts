import { createTestEnv, startApi, TestApi, TestEnv } from '../helpers/test-app';

/**
 * The console's client is generated from /api/docs-json, so every route must say what it answers:
 * a 2xx with a JSON schema (a DTO, a page of DTOs, an array), a file download, or 204 No Content;
 * and its errors in the one error shape.
 */
describe('OpenAPI contract', () => {
  let env: TestEnv;
  let api: TestApi;
  let doc: { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>> };

  beforeAll(async () => {
    env = await createTestEnv();
    api = await startApi(env);
    doc = (await api.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await api.close();
    await env.drop();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, responses: op.responses ?? {} })),
    );

  it('documents more than a hundred routes', () => {
    expect(operations().length).toBeGreaterThan(100);
  });

  it('every route declares what a success answers', () => {
    const undocumented = operations()
      .filter(
        ({ responses }) =>
          !Object.entries(responses).some(
            ([status, r]) =>
              status === '204' || (/^2\d\d$/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema && Object.keys(c.schema).length > 0)),
          ),
      )
      .map((o) => o.route);
    expect(undocumented).toEqual([]);
  });

  it('every route answers its errors in the one error shape', () => {
    const missing = operations()
      .filter(({ responses }) => !['400', '401', '403', '404', '409'].every((s) => JSON.stringify(responses[s] ?? {}).includes('ErrorResponseDto')))
      .map((o) => o.route);
    expect(missing).toEqual([]);
    expect(Object.keys((doc as unknown as { components: { schemas: object } }).components.schemas)).toContain('ErrorResponseDto');
  });

  it('types every property: no bare object where a nullable value lost its type', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> } }).components
      .schemas;
    const bare = Object.entries(schemas).flatMap(([name, s]) =>
      Object.entries(s.properties ?? {})
        .filter(([, p]) => p.type === 'object' && !p.properties && !p.additionalProperties && !p.$ref && !p.allOf && !p.oneOf && !p.description)
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(bare).toEqual([]);
  });
});
