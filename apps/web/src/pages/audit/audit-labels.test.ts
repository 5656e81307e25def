import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, auditChanges, auditValue } from './audit-labels';

describe('audit log labels', () => {
  it('names the actions in Chinese', () => {
    expect(ACTION_LABELS['registry.import']).toBe('导入名册');
    expect(ACTION_LABELS.import).toBe('导入组织树');
  });

  it('lists changes as before → after, phones as the API masked them', () => {
    expect(
      auditChanges({
        name: { before: '东湖街道', after: '东湖新街道' },
        phone: { before: '139****5678', after: '138****0000' },
        active: { before: true, after: false },
        roles: { before: ['cadre'], after: ['cadre', 'unit_manager'] },
        created: { before: null, after: 3 },
      } as never),
    ).toEqual([
      { field: 'name', before: '东湖街道', after: '东湖新街道' },
      { field: 'phone', before: '139****5678', after: '138****0000' },
      { field: 'active', before: 'true', after: 'false' },
      { field: 'roles', before: '["cadre"]', after: '["cadre","unit_manager"]' },
      { field: 'created', before: '—', after: '3' },
    ]);
    expect(auditChanges(null)).toEqual([]);
    expect(auditValue('')).toBe('—');
  });
});
