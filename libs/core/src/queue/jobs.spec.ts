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
    expect(JOB_IDS.bulletin(1, 2, 'monthly', '2026-03-31')).toBe('bulletin-1-2-monthly-2026-03-31');
    expect(JOB_IDS.settle(4, '2026-03-31')).toBe('settle-4-2026-03-31');
    expect(JOB_IDS.registryImport('17')).toBe('registry-import-17-0');
    expect(JOB_IDS.registryImportRerun('17', 2, at, 0)).toBe('registry-import-17-2-r1772439059999');
    expect(JOB_IDS.registryImportRerun('17', 2, at, 3)).toBe('registry-import-17-2-r1772439059999-a3');
    expect(JOB_IDS.roundExpand(3, 2)).toBe('round-expand-3-2');
    expect(JOB_IDS.deliver(100, 50, 'p1')).toBe('deliver-100-50-p1');
    // a resend at the clock's instant: its milliseconds since the epoch
    expect(JOB_IDS.resendPass(at)).toBe('resend-1772439059999');
    expect(JOB_IDS.deliver(100, 50, JOB_IDS.resendPass(at))).toBe('deliver-100-50-resend-1772439059999');
  });

  it("an import's jobs share its prefix; each re-queue gets a fresh id", () => {
    // as restored-database.e2e-spec.ts reads them: registry-import-<id>-0, then registry-import-<id>-<attempts>-r<ms>[-a<reruns>]
    expect(JOB_IDS.registryImportPrefix('7')).toBe('registry-import-7-');
    for (const id of [JOB_IDS.registryImport('7'), JOB_IDS.registryImportRerun('7', 0, new Date(1772352000000), 0)]) {
      expect(id.startsWith(JOB_IDS.registryImportPrefix('7'))).toBe(true);
    }
    expect(JOB_IDS.registryImportRerun('7', 0, new Date(1772352000000), 0)).toBe('registry-import-7-0-r1772352000000');
    expect(JOB_IDS.registryImportRerun('7', 2, new Date(1772352000001), 1)).toBe('registry-import-7-2-r1772352000001-a1');
  });

  it('one registry reconcile job per 30 s period and one sweep per 10 min period, however many workers tick', () => {
    // 2026-03-01T08:00:00Z = 1772352000000 ms: 1772352000000 / 30000 = 59078400 exactly; / 600000 = 2953920 exactly
    const t = new Date('2026-03-01T08:00:00Z');
    expect(JOB_IDS.registryImportReconcile(t)).toBe('registry-import-reconcile-59078400');
    // 29.999 s later: the same period; 30 s later: the next
    expect(JOB_IDS.registryImportReconcile(new Date(t.getTime() + 29_999))).toBe('registry-import-reconcile-59078400');
    expect(JOB_IDS.registryImportReconcile(new Date(t.getTime() + 30_000))).toBe('registry-import-reconcile-59078401');
    expect(JOB_IDS.registryUploadSweep(new Date(t.getTime() + 599_999))).toBe('registry-upload-sweep-2953920');
    expect(JOB_IDS.registryUploadSweep(new Date(t.getTime() + 600_000))).toBe('registry-upload-sweep-2953921');
  });

  it('one progress reconcile per ten minutes', () => {
    const t0 = Date.UTC(2026, 2, 2, 2, 0, 0); // 1772416800000 ms, a multiple of 600000: bucket 2954028
    expect(JOB_IDS.progressReconcile(new Date(t0 + 599_999))).toBe(JOB_IDS.progressReconcile(new Date(t0)));
    expect(JOB_IDS.progressReconcile(new Date(t0 + 600_000))).toBe('progress-reconcile-2954029');
  });

  it('one outreach reconcile per 5 s, one resume per 10 s, one idempotency sweep per hour', () => {
    // 1772352000000 ms: / 5000 = 354470400, / 10000 = 177235200, / 3600000 = 492320 (all exact)
    const t = new Date('2026-03-01T08:00:00Z');
    expect(JOB_IDS.outreachReconcile(t)).toBe('outreach-reconcile-354470400');
    expect(JOB_IDS.outreachReconcile(new Date(t.getTime() + 4_999))).toBe('outreach-reconcile-354470400');
    expect(JOB_IDS.outreachReconcile(new Date(t.getTime() + 5_000))).toBe('outreach-reconcile-354470401');
    expect(JOB_IDS.outreachResume(new Date(t.getTime() + 9_999))).toBe('outreach-resume-177235200');
    expect(JOB_IDS.outreachResume(new Date(t.getTime() + 10_000))).toBe('outreach-resume-177235201');
    expect(JOB_IDS.idempotencySweep(new Date(t.getTime() + 3_599_999))).toBe('idempotency-sweep-492320');
    expect(JOB_IDS.idempotencySweep(new Date(t.getTime() + 3_600_000))).toBe('idempotency-sweep-492321');
  });
});
