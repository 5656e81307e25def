import { JOB_IDS } from './jobs';

describe('JOB_IDS', () => {
  it('answers the ids the call sites built by hand', () => {
    const at = new Date('2026-03-02T08:10:59.999Z'); // 1772439059999 ms
    expect(JOB_IDS.probe(12)).toBe('probe-12');
    expect(JOB_IDS.deadline(5, 'overdue', at)).toBe('deadline-5-overdue-1772439059999');
    // 1772439059999 / 60000 = 29540650.99… → minute 29540650; / 600000 → bucket 2954065
    expect(JOB_IDS.enforcementReconcile(at)).toBe('enforcement-reconcile-29540650');
    expect(JOB_IDS.progressReconcile(at)).toBe('progress-reconcile-2954065');
    expect(JOB_IDS.rectificationCheck(9, '2026-03-20', 'reminder')).toBe('rectification-9-2026-03-20-reminder');
    expect(JOB_IDS.inspectionCredit(9)).toBe('credit-inspection-case-9');
    expect(JOB_IDS.bulletin(1, 2, '2026-03-02')).toBe('bulletin-1-2-2026-03-02');
    expect(JOB_IDS.settle(4, '2026-03-31')).toBe('settle-4-2026-03-31');
    expect(JOB_IDS.registryImport('17')).toBe('registry-import-17-0');
    expect(JOB_IDS.registryImportRerun('17', 2, at, 0)).toBe('registry-import-17-2-r1772439059999');
    expect(JOB_IDS.registryImportRerun('17', 2, at, 3)).toBe('registry-import-17-2-r1772439059999-a3');
    expect(JOB_IDS.roundExpand(3, 2)).toBe('round-expand-3-2');
    expect(JOB_IDS.deliver(100, 50, 'p1')).toBe('deliver-100-50-p1');
  });
});
