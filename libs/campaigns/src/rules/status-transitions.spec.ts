import { allocationMoveRefusal, campaignMoveRefusal, childTaskUpdate, deadlineAhead, nextVersion, openVersion } from './status-transitions';

describe('status transitions', () => {
  it('activates only a draft campaign and closes only an active one', () => {
    expect(campaignMoveRefusal('activate', 3, 'draft')).toBeNull();
    expect(campaignMoveRefusal('activate', 3, 'active')).toBe(
      '扩面任务 3 当前为“进行中”：只有草稿状态的扩面任务可以启动（campaign 3 is active; only a draft campaign can be activated）',
    );
    expect(campaignMoveRefusal('close', 3, 'active')).toBeNull();
    expect(campaignMoveRefusal('close', 3, 'draft')).toBe(
      '扩面任务 3 当前为“草稿”：只有进行中的扩面任务可以结束（campaign 3 is draft; only an active campaign can be closed）',
    );
    expect(campaignMoveRefusal('close', 3, 'closed')).toBe(
      '扩面任务 3 当前为“已结束”：只有进行中的扩面任务可以结束（campaign 3 is closed; only an active campaign can be closed）',
    );
  });

  it('changes and submits a draft or rejected allocation, approves and rejects a submitted one', () => {
    expect(allocationMoveRefusal('update', 7, 'draft')).toBeNull();
    expect(allocationMoveRefusal('update', 7, 'rejected')).toBeNull();
    expect(allocationMoveRefusal('update', 7, 'approved')).toBe(
      '分解方案 7 当前为“已批准”：只有草稿或已退回的分解方案可以修改（已批准的请新建一个版本）（allocation 7 is approved; only a draft or rejected allocation can be changed (start a new version of an approved one)）',
    );
    expect(allocationMoveRefusal('submit', 7, 'rejected')).toBeNull();
    expect(allocationMoveRefusal('submit', 7, 'submitted')).toBe(
      '分解方案 7 当前为“已提交”：只有草稿或已退回的分解方案可以提交（allocation 7 is submitted; only a draft or rejected allocation can be submitted）',
    );
    expect(allocationMoveRefusal('approve', 7, 'submitted')).toBeNull();
    expect(allocationMoveRefusal('approve', 7, 'draft')).toBe(
      '分解方案 7 当前为“草稿”：只有已提交的分解方案可以批准（allocation 7 is draft; only a submitted allocation can be approved）',
    );
    expect(allocationMoveRefusal('reject', 7, 'submitted')).toBeNull();
    expect(allocationMoveRefusal('reject', 7, 'superseded')).toBe(
      '分解方案 7 当前为“已被新版本替代”：只有已提交的分解方案可以退回（allocation 7 is superseded; only a submitted allocation can be rejected）',
    );
  });

  it('finds the open version and numbers the next one after the last', () => {
    const versions = [
      { id: 1, version: 1, status: 'superseded' as const },
      { id: 2, version: 2, status: 'approved' as const },
      { id: 3, version: 3, status: 'rejected' as const },
    ];
    expect(openVersion(versions)).toEqual({ id: 3, version: 3, status: 'rejected' });
    expect(openVersion(versions.slice(0, 2))).toBeUndefined();
    expect(nextVersion(versions)).toBe(4);
    expect(nextVersion([])).toBe(1);
  });

  it('keeps a deadline ahead until its China day has ended', () => {
    // 30 Jun ends at 1 Jul 00:00 China = 30 Jun 16:00 UTC
    expect(deadlineAhead('2026-06-30', new Date('2026-06-30T15:59:59.999Z'))).toBe(true);
    expect(deadlineAhead('2026-06-30', new Date('2026-06-30T16:00:00.000Z'))).toBe(false);
  });

  describe('a child task following its line in a new approved version', () => {
    const now = new Date('2026-07-01T02:00:00Z'); // 1 Jul 10:00 China
    const existing = { deadline: '2026-06-30', deadline_version: 2, status: 'overdue', target: '100.00', withdrawn_at: null };
    it('changes nothing for the same target and deadline', () => {
      expect(childTaskUpdate(existing, { target: '100.00', deadline: '2026-06-30' }, now)).toEqual({
        deadlineVersion: 2,
        reopen: false,
        unchanged: true,
        changed: false,
      });
    });
    it('reopens an overdue task whose deadline moves to the future, as a new deadline version', () => {
      expect(childTaskUpdate(existing, { target: '100.00', deadline: '2026-09-30' }, now)).toEqual({
        deadlineVersion: 3,
        reopen: true,
        unchanged: false,
        changed: true,
      });
    });
    it('keeps an overdue task overdue when its moved deadline is over too', () => {
      // → 29 Jun: that day ended 29 Jun 16:00 UTC, before now; → 1 Jul: it ends 1 Jul 16:00 UTC, after now (reopened)
      expect(childTaskUpdate(existing, { target: '100.00', deadline: '2026-06-29' }, now)).toMatchObject({ deadlineVersion: 3, reopen: false });
      expect(childTaskUpdate(existing, { target: '100.00', deadline: '2026-07-01' }, now)).toMatchObject({ deadlineVersion: 3, reopen: true });
    });
    it('brings a withdrawn task back as a new deadline version, and a new target alone keeps the version', () => {
      const withdrawn = { ...existing, status: 'open', withdrawn_at: new Date('2026-05-01T00:00:00Z') };
      expect(childTaskUpdate(withdrawn, { target: '100.00', deadline: '2026-06-30' }, now)).toEqual({
        deadlineVersion: 3,
        reopen: false,
        unchanged: false,
        changed: false,
      });
      expect(childTaskUpdate({ ...existing, status: 'open' }, { target: '120.00', deadline: '2026-06-30' }, now)).toEqual({
        deadlineVersion: 2,
        reopen: false,
        unchanged: false,
        changed: true,
      });
    });
  });
});
