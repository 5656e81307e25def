import pinoHttp from 'pino-http';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { redactingSerializers, redactUrl } from './log-redaction';

describe('request log redaction', () => {
  it('keeps no secret header, cookie or query value in a pino-http log line', async () => {
    let out = '';
    const stream = new Writable({ write: (c, _e, cb) => ((out += c.toString()), cb()) });
    const log = pinoHttp({ serializers: redactingSerializers, redact: ['req.headers.authorization'] }, stream);
    const server = createServer((req, res) => {
      log(req, res);
      res.setHeader('set-cookie', 'sid=COOKIE_OUT');
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await fetch(`http://127.0.0.1:${port}/api/sms-gateway/reports?key=QUERY_KEY&page=2`, {
      headers: {
        authorization: 'Bearer TOKEN_VALUE',
        cookie: 'sid=COOKIE_IN',
        'x-api-key': 'API_KEY_VALUE',
        'x-yingbao-signature': 'sha256=SIG_VALUE',
        'x-other-signature': 'OTHER_SIG',
      },
    });
    await new Promise<void>((r) => server.close(() => r()));
    expect(out).toContain('/api/sms-gateway/reports');
    expect(out).toContain('page=2');
    expect(out).toContain('"set-cookie":"[Redacted]"');
    expect(out).toContain('"x-yingbao-signature":"[Redacted]"');
    for (const secret of ['TOKEN_VALUE', 'COOKIE_IN', 'COOKIE_OUT', 'API_KEY_VALUE', 'SIG_VALUE', 'OTHER_SIG', 'QUERY_KEY']) expect(out).not.toContain(secret);
  });
  it('redacts only secret query keys and the search text', () => {
    expect(redactUrl('/a?token=x&page=1&api_key=y')).toBe('/a?token=[Redacted]&page=1&api_key=[Redacted]');
    // a cadre searching by full ID number: the number never reaches the log
    expect(redactUrl('/api/registry-people?q=110101199003071234&mine=true&page=1')).toBe('/api/registry-people?q=[Redacted]&mine=true&page=1');
    expect(redactUrl('/api/registry-people?Q=13800001111&qq=2')).toBe('/api/registry-people?Q=[Redacted]&qq=2');
    expect(redactingSerializers.req({ url: '/api/registry-people?q=110101199003071234', query: { q: '110101199003071234', page: '1' } })).toEqual({
      url: '/api/registry-people?q=[Redacted]',
      headers: undefined,
      query: { q: '[Redacted]', page: '1' },
    });
    expect(redactUrl('/a')).toBe('/a');
  });
});
