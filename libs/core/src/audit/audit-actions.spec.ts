import { AUDIT_ACTIONS, isAuditAction } from './audit-actions';

describe('AUDIT_ACTIONS', () => {
  it('names each action once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
  it('tells a catalogued name from any other string, exactly (stored names are compared as they are)', () => {
    expect(isAuditAction('login')).toBe(true);
    expect(isAuditAction('inspection_case.rectified')).toBe(true);
    expect(isAuditAction('Login')).toBe(false);
    expect(isAuditAction('login ')).toBe(false);
  });
});
