/** Builds malformed requests from the OpenAPI document: the route walk of route-walk.e2e-spec.ts. */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface WalkRequest {
  method: string;
  /** path with params filled in, query string included */
  url: string;
  /** JSON body (already serialised), or raw text for malformed JSON */
  body?: string;
  multipart?: { fields: Record<string, string>; files: string[] };
  /** what was malformed, for the failure report */
  what: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export const BAD_PATH_VALUES = ['99999999999', '-1', '0', '1e20', 'abc', '%00', '2147483648', '1.5'];
export const BAD_QUERY_VALUES = ['99999999999', '1e20', '-1', '0', '2026-02-30', '%00', 'abc', '', '1.5', '9'.repeat(400)];
export const BAD_BODY_VALUES: [string, unknown][] = [
  ['null', null],
  ['NUL string', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['1e300', 1e300],
  ['99999999999', 99999999999],
  ['-1', -1],
  ['1.5', 1.5],
  ['object', { a: 1 }],
  ['array', [1, 'x']],
  ['boolean', true],
  ['2026-02-30', '2026-02-30'],
  ['100k string', 'x'.repeat(100000)],
  ['long digit string', '9'.repeat(500)],
];

export class Walker {
  constructor(private readonly doc: OpenApiDoc) {}

  resolve(s: Schema | undefined, depth = 0): Schema {
    if (!s || depth > 10) return {};
    if (s.$ref) return this.resolve(this.doc.components?.schemas?.[s.$ref.split('/').pop()!], depth + 1);
    if (s.allOf) {
      const merged: Schema = { type: 'object', properties: {}, required: [] };
      for (const part of s.allOf.map((p) => this.resolve(p, depth + 1))) {
        Object.assign(merged.properties!, part.properties ?? {});
        merged.required!.push(...(part.required ?? []));
        if (part.type && part.type !== 'object') merged.type = part.type;
      }
      return merged;
    }
    return s;
  }

  /** A plausible value for a schema: its example, default or first enum value, else one by type. */
  sample(raw: Schema | undefined, depth = 0): unknown {
    const s = this.resolve(raw);
    if (s.example !== undefined) return s.example;
    if (s.default !== undefined) return s.default;
    if (s.enum?.length) return s.enum[0];
    if (depth > 6) return null;
    switch (s.type) {
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return true;
      case 'array':
        return [this.sample(s.items, depth + 1)];
      case 'string':
        return s.format === 'date' ? '2026-03-01' : s.format === 'date-time' ? '2026-03-01T08:00:00Z' : 'x';
      default:
        if (s.properties) return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, this.sample(v, depth + 1)]));
        return 'x';
    }
  }

  /** Every property path of a body schema: top-level, nested objects and the first item of arrays of objects. */
  paths(raw: Schema | undefined, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
    const s = this.resolve(raw);
    if (depth > 4) return [];
    if (s.type === 'array' && s.items) {
      const item = this.resolve(s.items);
      return item.properties ? this.paths(item, [...prefix, 0], depth + 1) : [];
    }
    if (!s.properties) return [];
    return Object.entries(s.properties).flatMap(([k, v]) => [[...prefix, k], ...this.paths(v, [...prefix, k], depth + 1)]);
  }

  requests(): WalkRequest[] {
    const out: WalkRequest[] = [];
    for (const [path, item] of Object.entries(this.doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (op) out.push(...this.forOperation(method.toUpperCase(), path, op));
      }
    }
    return out;
  }

  private forOperation(method: string, path: string, op: Operation): WalkRequest[] {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const baseQuery = Object.fromEntries(queryParams.map((p) => [p.name, String(p.example ?? this.sample(p.schema))]));
    const fill = (over: Record<string, string> = {}) =>
      path.replace(/\{([^}]+)\}/g, (_, name: string) => (name in over ? over[name] : encodeURIComponent(String(this.validPathValue(name, params)))));
    const qs = (q: Record<string, string>) => {
      const entries = Object.entries(q);
      return entries.length
        ? '?' + entries.map(([k, v]) => `${k.includes('%') ? k : encodeURIComponent(k)}=${v.startsWith('%') ? v : encodeURIComponent(v)}`).join('&')
        : '';
    };
    const json = op.requestBody?.content?.['application/json']?.schema;
    const multipart = op.requestBody?.content?.['multipart/form-data']?.schema;
    const baseBody = json ? this.sample(json) : undefined;
    const bodyText = baseBody === undefined ? undefined : JSON.stringify(baseBody);
    const out: WalkRequest[] = [];
    const push = (r: Omit<WalkRequest, 'method'>) => out.push({ method, ...r });

    for (const p of pathParams)
      for (const v of BAD_PATH_VALUES) push({ url: fill({ [p.name]: v }) + qs(baseQuery), body: bodyText, what: `path ${p.name}=${v}` });
    for (const p of queryParams) {
      for (const v of BAD_QUERY_VALUES) push({ url: fill() + qs({ ...baseQuery, [p.name]: v }), body: bodyText, what: `query ${p.name}=${v.slice(0, 20)}` });
      push({ url: fill() + qs(baseQuery) + `&${encodeURIComponent(p.name)}=1&${encodeURIComponent(p.name)}=2`, body: bodyText, what: `query ${p.name} twice` });
    }
    push({ url: fill() + qs({ ...baseQuery, 'x%00': '1' }), body: bodyText, what: 'query key with NUL' });
    if (json) {
      for (const at of this.paths(json)) {
        for (const [label, v] of BAD_BODY_VALUES) {
          const body = setAt(structuredClone(baseBody), at, v);
          push({ url: fill() + qs(baseQuery), body: JSON.stringify(body), what: `body ${at.join('.')}=${label}` });
        }
      }
      for (const [label, v] of [
        ['malformed JSON', '{"a":'],
        ['JSON array', '[1,2]'],
        ['JSON string', '"x"'],
        ['JSON null', 'null'],
        ['empty object', '{}'],
      ])
        push({ url: fill() + qs(baseQuery), body: v, what: `body ${label}` });
    }
    if (multipart) {
      const s = this.resolve(multipart);
      const props = Object.entries(s.properties ?? {});
      const files = props.filter(([, v]) => this.resolve(v).format === 'binary').map(([k]) => k);
      const fields = Object.fromEntries(props.filter(([k]) => !files.includes(k)).map(([k, v]) => [k, String(this.sample(v))]));
      push({ url: fill() + qs(baseQuery), multipart: { fields, files }, what: 'multipart garbage file' });
      push({ url: fill() + qs(baseQuery), multipart: { fields, files: ['unexpected'] }, what: 'multipart unexpected file field' });
      for (const k of Object.keys(fields))
        for (const v of ['99999999999', '1e20', 'a\u0000b', '2026-02-30', 'x'.repeat(100000)])
          push({ url: fill() + qs(baseQuery), multipart: { fields: { ...fields, [k]: v }, files }, what: `multipart ${k}=${v.slice(0, 20)}` });
    }
    return out;
  }

  private validPathValue(name: string, params: Parameter[]): unknown {
    const p = params.find((x) => x.name === name);
    const s = this.resolve(p?.schema);
    if (p?.example !== undefined) return p.example;
    if (s.enum?.length) return s.enum[0];
    return 1;
  }
}

function setAt(root: unknown, at: (string | number)[], v: unknown): unknown {
  if (at.length === 0) return v;
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < at.length - 1; i++) {
    const k = at[i];
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof at[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  cur[at[at.length - 1]] = v;
  return root;
}

/** Runs tasks with at most `n` at a time. */
export async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}
