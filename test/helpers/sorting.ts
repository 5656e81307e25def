import type { Response } from 'supertest';

/** A list's answer to `?sort=<a key it does not offer>&order=up`: a 400 naming both fields with the Chinese message first. */
export function expectSortRefused(res: Response): void {
  expect(res.status).toBe(400);
  expect(res.body.message).toEqual(expect.stringContaining('sort：不是可选的值之一'));
  expect(res.body.fields).toEqual([
    { field: 'sort', message: expect.stringMatching(/^不是可选的值之一 \(sort must be one of the following values: /) },
    { field: 'order', message: '不是可选的值之一 (order must be one of the following values: asc, desc)' },
  ]);
}
