import { describe, expect, it } from 'vitest';
import { homeGroup, MENU, menuFor, menuKeyOf, menuSections, routesFor } from './roles';

describe('roles', () => {
  it('picks the home page group', () => {
    expect(homeGroup(['leader'])).toBe('leader');
    expect(homeGroup(['office'])).toBe('office');
    expect(homeGroup(['admin'])).toBe('office');
    expect(homeGroup(['department', 'unit_manager'])).toBe('unit'); // inspection_manager in the demo
    expect(homeGroup(['cadre'])).toBe('staff');
    expect(homeGroup(['inspector'])).toBe('inspector');
    expect(homeGroup(['department'])).toBe('department'); // tax in the demo
  });

  it('shows each role only what it may use; admins everything', () => {
    expect(menuFor(['cadre']).map((m) => m.path)).toEqual(['/', '/field', '/campaigns', '/notices']);
    expect(menuFor(['inspector']).map((m) => m.path)).toEqual(['/', '/campaigns', '/inspector', '/enforcement', '/notices']);
    expect(menuFor(['leader']).map((m) => m.path)).toEqual([
      '/',
      '/campaigns',
      '/progress',
      '/progress/ranking',
      '/approvals',
      '/progress/bulletins',
      '/progress/settlements',
      '/notices',
    ]);
    expect(menuFor(['department']).map((m) => m.path)).toEqual(['/', '/campaigns', '/enforcement', '/enforcement/lists', '/notices']);
    expect(menuFor(['office']).map((m) => m.path)).toEqual([
      '/',
      '/campaigns',
      '/progress',
      '/progress/ranking',
      '/progress/bulletins',
      '/progress/settlements',
      '/registry',
      '/registry/imports',
      '/registry/roster',
      '/registry/investigation',
      '/hardship',
      '/land',
      '/enforcement',
      '/enforcement/cutoff-runs',
      '/enforcement/lists',
      '/notices',
      '/notices/rounds',
      '/org',
      '/audit',
    ]);
    expect(menuFor(['admin'])).toEqual(MENU);
    // users are the admin's (the API refuses others their changes); registry imports are the office's and unit managers'
    expect(menuFor(['unit_manager']).map((m) => m.path)).toContain('/registry/imports');
    expect(menuFor(['unit_manager']).map((m) => m.path)).toEqual([
      '/',
      '/campaigns',
      '/tasks',
      '/progress',
      '/progress/report',
      '/progress/ranking',
      '/registry',
      '/registry/imports',
      '/registry/assign',
      '/registry/investigation',
      '/hardship',
      '/land',
      '/notices',
    ]);
  });

  it('selects the menu entry of a deeper URL', () => {
    const all = menuFor(['admin']);
    expect(menuKeyOf('/campaigns/12/allocations', all)).toBe('/campaigns');
    expect(menuKeyOf('/progress/ranking', all)).toBe('/progress/ranking'); // the longer entry, not /progress
    expect(menuKeyOf('/', all)).toBe('/');
    expect(menuKeyOf('/progress/settlements', all)).toBe('/progress/settlements'); // the longest prefix, not /progress
    expect(menuKeyOf('/progress/other', all)).toBe('/progress');
    expect(menuKeyOf('/progress/report', all)).toBe('/progress/report');
    expect(menuKeyOf('/tasks/12', all)).toBe('/tasks');
    expect(menuKeyOf('/unknown', all)).toBe('/');
    expect(menuKeyOf('/org/users', all)).toBe('/org/users');
    expect(menuKeyOf('/registry/imports', all)).toBe('/registry/imports');
  });

  it('lists the menu under its headings in order, the entries without one at the top', () => {
    const sections = menuSections(menuFor(['leader']));
    expect(sections.map((x) => [x.group ?? '', x.entries.map((e) => e.path)])).toEqual([
      ['', ['/', '/campaigns']],
      ['进度', ['/progress', '/progress/ranking', '/approvals', '/progress/bulletins', '/progress/settlements']],
      ['消息', ['/notices']],
    ]);
  });

  it('opens the routes the menu offers and answers every other known path as forbidden', () => {
    const cadre = routesFor(['cadre']);
    expect(cadre.length).toBe(MENU.length); // every known path has a route
    expect(cadre.filter((r) => r.open).map((r) => r.entry.path)).toEqual(['/', '/field', '/campaigns', '/notices']);
    expect(cadre.find((r) => r.entry.path === '/approvals')?.open).toBe(false);
    expect(cadre.find((r) => r.entry.path === '/org/users')?.open).toBe(false);
    const leader = new Map(routesFor(['leader']).map((r) => [r.entry.path, r.open]));
    expect(leader.get('/approvals')).toBe(true);
    expect(leader.get('/progress')).toBe(true);
    expect(leader.get('/progress/report')).toBe(false); // under an open path, but the unit managers' screen
    expect(leader.get('/audit')).toBe(false);
    const office = new Map(routesFor(['office']).map((r) => [r.entry.path, r.open]));
    expect(office.get('/approvals')).toBe(false);
    expect(office.get('/org/users')).toBe(false); // admins only
    expect(office.get('/tasks')).toBe(true); // not in its menu, but the campaign's page links a task's split there
    expect(menuFor(['office']).some((m) => m.path === '/tasks')).toBe(false);
    expect(routesFor(['admin']).every((r) => r.open)).toBe(true);
    expect(
      routesFor([])
        .filter((r) => r.open)
        .map((r) => r.entry.path),
    ).toEqual(['/', '/campaigns', '/notices']);
  });
});
