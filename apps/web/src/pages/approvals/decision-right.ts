// Who decides a split (libs/campaigns rules/permissions canApprove): the campaign leadership group's head (组长) and
// deputies (副组长), or an admin. The caller's title comes from the campaign's members (GET /api/campaigns/:id).
import type { Role } from '../../lib/roles';

type Member = { userId: number; body: string; role: string; displayName: string };

export interface DecisionRight {
  /** the caller approves and rejects this campaign's splits */
  canDecide: boolean;
  /** the caller's place in the leadership group: 组长, 副组长, 成员, or null when not in it */
  title: '组长' | '副组长' | '成员' | null;
  /** the line a read-only reader sees: who may decide */
  whoDecides: string;
}

const TITLES: Record<string, DecisionRight['title']> = { head: '组长', deputy: '副组长', member: '成员' };

export function decisionRight(me: { id: number; roles: readonly Role[] }, members: readonly Member[]): DecisionRight {
  const leadership = members.filter((m) => m.body === 'leadership');
  const mine = leadership.find((m) => m.userId === me.id);
  const title = mine ? (TITLES[mine.role] ?? null) : null;
  const deciders = leadership.filter((m) => m.role === 'head' || m.role === 'deputy').map((m) => m.displayName);
  return {
    canDecide: me.roles.includes('admin') || mine?.role === 'head' || mine?.role === 'deputy',
    title,
    whoDecides: `分解方案由领导小组组长、副组长批准或退回${deciders.length ? `（${deciders.join('、')}）` : ''}，您可以查看审批队列和方案内容。`,
  };
}
