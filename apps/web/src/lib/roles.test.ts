import { describe, expect, it } from 'vitest';
import { homeGroup, menuFor, menuKeyOf } from './roles';

describe('roles', () => {
  it('picks the home page group', () => {
    expect(homeGroup(['leader'])).toBe('leader');
    expect(homeGroup(['office'])).toBe('office');
    expect(homeGroup(['admin'])).toBe('office');
    expect(homeGroup(['department', 'unit_manager'])).toBe('unit'); // inspection_manager in the demo
    expect(homeGroup(['cadre'])).toBe('staff');
    expect(homeGroup(['inspector'])).toBe('staff');
  });

  it('shows each role only what it may use; admins everything', () => {
    expect(menuFor(['cadre']).map((m) => m.path)).toEqual(['/', '/campaigns', '/registry', '/notices']);
    expect(menuFor(['inspector']).map((m) => m.path)).toEqual(['/', '/campaigns', '/enforcement', '/notices']);
    expect(menuFor(['leader']).map((m) => m.path)).toEqual(['/', '/campaigns', '/progress', '/progress/bulletins', '/progress/settlements', '/notices']);
    expect(menuFor(['department']).map((m) => m.path)).toEqual(['/', '/campaigns', '/registry', '/enforcement', '/enforcement/lists', '/notices']);
    expect(menuFor(['office']).map((m) => m.path)).toEqual([
      '/',
      '/campaigns',
      '/progress',
      '/progress/bulletins',
      '/progress/settlements',
      '/registry',
      '/enforcement',
      '/enforcement/cutoff-runs',
      '/enforcement/lists',
      '/notices',
      '/notices/rounds',
      '/org',
      '/audit',
    ]);
    expect(menuFor(['admin'])).toHaveLength(13);
  });

  it('selects the menu entry of a deeper URL', () => {
    const all = menuFor(['admin']);
    expect(menuKeyOf('/campaigns/12/allocations', all)).toBe('/campaigns');
    expect(menuKeyOf('/', all)).toBe('/');
    expect(menuKeyOf('/progress/settlements', all)).toBe('/progress/settlements'); // the longest prefix, not /progress
    expect(menuKeyOf('/progress/other', all)).toBe('/progress');
    expect(menuKeyOf('/unknown', all)).toBe('/');
  });
});
