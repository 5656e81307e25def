import { againImportJobId, firstImportJobId, importJobIdPrefix, importReconcileJobId, uploadSweepJobId } from './registry.job-ids';

describe('registry job ids', () => {
  it("an import's jobs share its prefix; each re-queue gets a fresh id", () => {
    // as restored-database.e2e-spec.ts reads them: registry-import-<id>-0, then registry-import-<id>-<attempts>-r<ms>[-a<reruns>]
    expect(importJobIdPrefix('7')).toBe('registry-import-7-');
    expect(firstImportJobId('7')).toBe('registry-import-7-0');
    expect(againImportJobId('7', 0, new Date(1772352000000), 0)).toBe('registry-import-7-0-r1772352000000');
    expect(againImportJobId('7', 2, new Date(1772352000001), 1)).toBe('registry-import-7-2-r1772352000001-a1');
  });

  it('one reconcile job per 30 s period and one sweep per 10 min period, however many workers tick', () => {
    // 2026-03-01T08:00:00Z = 1772352000000 ms: 1772352000000 / 30000 = 59078400 exactly; / 600000 = 2953920 exactly
    const t = new Date('2026-03-01T08:00:00Z');
    expect(importReconcileJobId(t)).toBe('registry-import-reconcile-59078400');
    // 29.999 s later: the same period; 30 s later: the next
    expect(importReconcileJobId(new Date(t.getTime() + 29_999))).toBe('registry-import-reconcile-59078400');
    expect(importReconcileJobId(new Date(t.getTime() + 30_000))).toBe('registry-import-reconcile-59078401');
    expect(uploadSweepJobId(new Date(t.getTime() + 599_999))).toBe('registry-upload-sweep-2953920');
    expect(uploadSweepJobId(new Date(t.getTime() + 600_000))).toBe('registry-upload-sweep-2953921');
  });
});
