import { describe, expect, it } from 'vitest';
import { decisionRight } from './decision-right';

const members = [
  { userId: 1, body: 'leadership', role: 'head', displayName: '王市长' },
  { userId: 2, body: 'leadership', role: 'deputy', displayName: '李副市长' },
  { userId: 3, body: 'leadership', role: 'member', displayName: '张局长' },
  { userId: 4, body: 'office', role: 'director', displayName: '赵主任' },
];

describe('decisionRight', () => {
  it('lets the head and deputies decide, not members, the office or outsiders; admins always', () => {
    expect(decisionRight({ id: 1, roles: ['leader'] }, members)).toMatchObject({ canDecide: true, title: '组长' });
    expect(decisionRight({ id: 2, roles: ['leader'] }, members)).toMatchObject({ canDecide: true, title: '副组长' });
    expect(decisionRight({ id: 3, roles: ['leader'] }, members)).toMatchObject({ canDecide: false, title: '成员' });
    expect(decisionRight({ id: 4, roles: ['office'] }, members)).toMatchObject({ canDecide: false, title: null });
    expect(decisionRight({ id: 9, roles: ['leader'] }, members)).toMatchObject({ canDecide: false, title: null });
    expect(decisionRight({ id: 9, roles: ['admin'] }, members).canDecide).toBe(true);
  });

  it('names who decides for a read-only reader', () => {
    expect(decisionRight({ id: 3, roles: ['leader'] }, members).whoDecides).toBe(
      '分解方案由领导小组组长、副组长批准或退回（王市长、李副市长），您可以查看审批队列和方案内容。',
    );
    expect(decisionRight({ id: 3, roles: ['leader'] }, []).whoDecides).toBe('分解方案由领导小组组长、副组长批准或退回，您可以查看审批队列和方案内容。');
  });
});
