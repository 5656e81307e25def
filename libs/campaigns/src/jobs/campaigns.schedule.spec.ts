import { JOB_IDS } from '#core';
import { DEADLINES_TICK_MS } from './campaigns.schedule';

describe('the deadlines schedule', () => {
  it('asks for one sweep per 30-second bucket, however many workers tick', () => {
    expect(DEADLINES_TICK_MS).toBe(30_000);
    // 2026-03-02T08:10:59.999Z = 1772439059999 ms; / 30000 = 59081301.99… → bucket 59081301
    expect(JOB_IDS.deadlinesSweep(new Date('2026-03-02T08:10:59.999Z'))).toBe('deadlines-sweep-59081301');
    // 08:11:00.000Z = 1772439060000 ms = 59081302 × 30000: the next bucket starts there
    expect(JOB_IDS.deadlinesSweep(new Date('2026-03-02T08:11:00.000Z'))).toBe('deadlines-sweep-59081302');
    expect(JOB_IDS.deadlinesSweep(new Date('2026-03-02T08:11:29.999Z'))).toBe('deadlines-sweep-59081302');
  });
});
