import { describe, expect, it } from 'vitest';
import { formatIndicatorValue, roundIsMoving, roundProgress, ROUND_STATUS, tagOf } from './office-labels';

const totals = (t: Partial<Record<'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'skipped', number>>) => {
  const full = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, skipped: 0, ...t };
  return { ...full, total: Object.values(full).reduce((s, n) => s + n, 0) };
};

describe('reminder round progress', () => {
  it('counts what left our side and what has its outcome, in whole percent rounded down', () => {
    // 12 messages: 2 queued, 1 sending, 3 sent, 4 delivered, 1 failed, 1 skipped
    // handed = 3 + 4 + 1 + 1 = 9 → 75 %; final = 6 → 50 %
    expect(roundProgress(totals({ queued: 2, sending: 1, sent: 3, delivered: 4, failed: 1, skipped: 1 }))).toEqual({ handed: 75, final: 50 });
    // 3 messages, 1 delivered: 33.3 % → 33 (never shows 100 % before the last one)
    expect(roundProgress(totals({ queued: 2, delivered: 1 }))).toEqual({ handed: 33, final: 33 });
    expect(roundProgress(totals({}))).toEqual({ handed: 0, final: 0 });
  });

  it('keeps refreshing while running or while messages wait for sending or a receipt', () => {
    expect(roundIsMoving('running', totals({ delivered: 3 }))).toBe(true);
    expect(roundIsMoving('finished', totals({ sent: 1, delivered: 3 }))).toBe(true); // receipts still to come
    expect(roundIsMoving('finished', totals({ queued: 1 }))).toBe(true); // a resend of failed ones
    expect(roundIsMoving('finished', totals({ delivered: 3, failed: 1 }))).toBe(false);
    expect(roundIsMoving('planned', totals({}))).toBe(false);
  });
});

describe('labels', () => {
  it('names known codes and shows new ones as they are', () => {
    expect(tagOf(ROUND_STATUS, 'running')).toEqual({ label: '发送中', color: 'processing' });
    expect(tagOf(ROUND_STATUS, 'paused')).toEqual({ label: 'paused', color: 'default' });
    expect(tagOf(ROUND_STATUS, null).label).toBe('—');
  });

  it('prints a figure in its indicator unit', () => {
    expect(formatIndicatorValue('person', '1234')).toBe('1,234人');
    expect(formatIndicatorValue('yuan', '8400')).toBe('8,400.00元');
    expect(formatIndicatorValue('percent', '94.25')).toBe('94.3%');
  });
});
