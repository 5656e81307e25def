/** Headers whose values never reach a log: credentials, cookies, API keys, signatures. */
const SECRET_HEADER = /authorization|cookie|api-key|apikey|signature|secret|token|password|sms-key/i;
/** Query-string keys whose values never reach a log (?key=, ?token=, ?sig= ...). */
const SECRET_QUERY = /key|token|secret|signature|sig|password|auth/i;
/** Query-string keys that carry personal data: `q` is a search box, which takes a full ID number or a phone number. */
const PERSONAL_QUERY = /^q$/i;
const hiddenQuery = (key: string) => SECRET_QUERY.test(key) || PERSONAL_QUERY.test(key);
export const REDACTED = '[Redacted]';

export function redactHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADER.test(k) ? REDACTED : v]));
}

export function redactUrl(url: string | undefined): string | undefined {
  if (!url || !url.includes('?')) return url;
  const [path, query] = url.split('?', 2);
  const parts = query.split('&').map((p) => {
    const i = p.indexOf('=');
    const key = decodeURIComponent(i < 0 ? p : p.slice(0, i));
    return i >= 0 && hiddenQuery(key) ? `${p.slice(0, i)}=${REDACTED}` : p;
  });
  return `${path}?${parts.join('&')}`;
}

/** pino-http serializers that drop every secret header and query value, and the search text, from request and response logs. */
export const redactingSerializers = {
  req: (req: { headers?: Record<string, unknown>; url?: string; query?: Record<string, unknown> }) => ({
    ...req,
    headers: redactHeaders(req.headers),
    url: redactUrl(req.url),
    query: req.query ? Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, hiddenQuery(k) ? REDACTED : v])) : req.query,
  }),
  res: (res: { headers?: Record<string, unknown> }) => ({ ...res, headers: redactHeaders(res.headers) }),
};
