// Roles as the API names them (libs/core Role) and what the console offers each: the menu and the home page.
// Their Chinese names come from GET /api/roles (useRoleLabels in auth/auth-hooks.ts).
import type { components } from '../api/schema';

export type Role = components['schemas']['CreateUserDto']['roles'][number];

/** Home pages by group: leadership (组长, 副组长, 成员), the office (and admins), unit managers, inspectors, member-department staff, everyone else. */
export type HomeGroup = 'leader' | 'office' | 'unit' | 'inspector' | 'department' | 'staff';

export function homeGroup(roles: readonly Role[]): HomeGroup {
  if (roles.includes('leader')) return 'leader';
  if (roles.includes('office') || roles.includes('admin')) return 'office';
  if (roles.includes('unit_manager')) return 'unit';
  if (roles.includes('inspector')) return 'inspector';
  if (roles.includes('department')) return 'department';
  return 'staff';
}

export interface MenuEntry {
  /** the route, also the menu key (the selected entry follows the URL) */
  path: string;
  label: string;
  /** who sees it; admins see everything */
  roles: readonly Role[] | 'all';
  /** the heading it is listed under in the menu (none: at the top) */
  group?: string;
  /** roles that may open the screen by a link though their menu does not list it (the office splits the city's task from the campaign's page) */
  opensFor?: readonly Role[];
}

/** The side menu, in order. A screen a later helper builds gets its entry here and its route in app.tsx. */
export const MENU: readonly MenuEntry[] = [
  { path: '/', label: '工作台', roles: 'all' },
  { path: '/field', label: '我的名册', roles: ['cadre'] },
  { path: '/campaigns', label: '扩面任务', roles: 'all' },
  { path: '/inspector', label: '我的检查', roles: ['inspector'] },
  { path: '/tasks', label: '本单位任务', roles: ['unit_manager'], opensFor: ['office', 'leader'] },
  { path: '/progress', label: '进度与通报', roles: ['leader', 'office', 'unit_manager'], group: '进度' },
  { path: '/progress/report', label: '上报进度', roles: ['unit_manager'], group: '进度' },
  { path: '/progress/ranking', label: '进度排名', roles: ['leader', 'office', 'unit_manager'], group: '进度' },
  { path: '/approvals', label: '分解审批', roles: ['leader'], group: '进度' },
  { path: '/progress/bulletins', label: '进度通报', roles: ['office', 'leader'], group: '进度' },
  { path: '/progress/settlements', label: '奖惩结算', roles: ['office', 'leader'], group: '进度' },
  { path: '/registry', label: '参保名册', roles: ['office', 'unit_manager'], group: '名册' },
  { path: '/registry/imports', label: '名册导入', roles: ['office', 'unit_manager'], group: '名册' },
  { path: '/registry/roster', label: '参保库', roles: ['office'], group: '名册' },
  { path: '/registry/assign', label: '名册分配', roles: ['unit_manager'], group: '名册' },
  { path: '/registry/investigation', label: '排查进度', roles: ['office', 'unit_manager'], group: '名册' },
  { path: '/hardship', label: '困难群体三个100%', roles: ['office', 'unit_manager'], group: '名册' },
  { path: '/land', label: '被征地农民', roles: ['office', 'unit_manager'], group: '名册' },
  { path: '/enforcement', label: '重点检查', roles: ['office', 'department', 'inspector'], group: '执法检查' },
  { path: '/enforcement/cutoff-runs', label: '截止报送', roles: ['office'], group: '执法检查' },
  { path: '/enforcement/lists', label: '重点检查名单', roles: ['office', 'department'], group: '执法检查' },
  { path: '/notices', label: '消息通知', roles: 'all', group: '消息' },
  { path: '/notices/rounds', label: '提醒轮次', roles: ['office'], group: '消息' },
  { path: '/org', label: '组织与用户', roles: ['office'], group: '管理' },
  { path: '/org/users', label: '用户管理', roles: ['admin'], group: '管理' },
  { path: '/audit', label: '操作日志', roles: ['office'], group: '管理' },
];

export function menuFor(roles: readonly Role[]): MenuEntry[] {
  const admin = roles.includes('admin');
  return MENU.filter((m) => admin || m.roles === 'all' || m.roles.some((r) => roles.includes(r)));
}

/**
 * The console's routes for these roles: every menu entry, open when the menu offers it, else `forbidden` (a known
 * path typed or bookmarked by someone whose roles do not open it: the console answers 无权访问, not the screen).
 */
export function routesFor(roles: readonly Role[]): { entry: MenuEntry; open: boolean }[] {
  const open = new Set(menuFor(roles).map((m) => m.path));
  return MENU.map((entry) => ({ entry, open: open.has(entry.path) || !!entry.opensFor?.some((r) => roles.includes(r)) }));
}

/** The menu entry a URL belongs to (the longest path that prefixes it). */
export function menuKeyOf(pathname: string, entries: readonly MenuEntry[]): string {
  const hit = entries.filter((m) => pathname === m.path || (m.path !== '/' && pathname.startsWith(`${m.path}/`)));
  return hit.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}

/** Consecutive entries of one group under its heading, the others at the top: the menu's items in order. */
export function menuSections(entries: readonly MenuEntry[]): { group?: string; entries: MenuEntry[] }[] {
  const sections: { group?: string; entries: MenuEntry[] }[] = [];
  for (const e of entries) {
    const last = sections.at(-1);
    if (last && last.group === e.group) last.entries.push(e);
    else sections.push({ group: e.group, entries: [e] });
  }
  return sections;
}
