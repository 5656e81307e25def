import { describe, expect, it } from 'vitest';
import { lastPathOf, rememberPath } from './last-path';

describe('last screen', () => {
  const data = new Map<string, string>();
  const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };

  it("returns the user's own last path only, never the login page or another site", () => {
    expect(lastPathOf(storage, 'v1cadre')).toBeUndefined();
    rememberPath(storage, 'v1cadre', '/field?tab=police');
    rememberPath(storage, 'v1cadre', '/login?from=%2F');
    expect(lastPathOf(storage, 'v1cadre')).toBe('/field?tab=police');
    expect(lastPathOf(storage, 'office')).toBeUndefined();
    data.set('yingbao.lastPath', JSON.stringify({ username: 'v1cadre', path: '//evil.example/x' }));
    expect(lastPathOf(storage, 'v1cadre')).toBeUndefined();
    data.set('yingbao.lastPath', '{oops');
    expect(lastPathOf(storage, 'v1cadre')).toBeUndefined();
  });

  it('never keeps the search text (a full ID number) on the device', () => {
    rememberPath(storage, 'v1cadre', '/field?q=110101199003071234');
    expect(lastPathOf(storage, 'v1cadre')).toBe('/field');
    expect(data.get('yingbao.lastPath')).toBe('{"username":"v1cadre","path":"/field"}');
    rememberPath(storage, 'v1cadre', '/field?tab=employer&q=91110000600037341L&status=refused');
    expect(lastPathOf(storage, 'v1cadre')).toBe('/field?tab=employer&status=refused');
    expect(data.get('yingbao.lastPath')).not.toContain('91110000600037341L');
  });
});
