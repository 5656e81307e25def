import { describe, expect, it } from 'vitest';
import { barPercent, formatActual, formatFigure, hasNoPlan, rateOnlyNote, statusLook } from './progress-look';

describe('progress look', () => {
  it('colours each status, grey without a plan or a rate', () => {
    expect(statusLook('ahead')).toEqual({ label: '超序时', tag: 'success', hex: '#52c41a' });
    expect(statusLook('behind').label).toBe('落后序时');
    expect(statusLook('zero').tag).toBe('error');
    expect(statusLook('no_plan')).toEqual({ label: '无计划', tag: 'default', hex: '#8c8c8c' });
    expect(hasNoPlan({ status: 'no_plan' })).toBe(true);
    expect(hasNoPlan({ status: 'zero' })).toBe(false);
    expect(statusLook(null)).toEqual({ label: '无完成率', tag: 'default', hex: '#bfbfbf' });
  });

  it('prints figures in the indicator’s unit', () => {
    const count = { kind: 'count', unit: 'person' } as const;
    const amount = { kind: 'amount', unit: 'yuan' } as const;
    const ratio = { kind: 'ratio', unit: 'percent' } as const;
    expect(formatFigure(count, '8000')).toBe('8,000人');
    expect(formatFigure(amount, '1250.5')).toBe('1,250.50元');
    expect(formatFigure(ratio, '98.5')).toBe('98.5%'); // a ratio target is a rate in %
    expect(formatActual(count, { actual: '1134', value: null })).toBe('1,134人');
    // ratio: the rate reached, numerator / denominator = 0.97249 → 97.2 %
    expect(formatActual(ratio, { actual: '9724.9', value: 0.97249 })).toBe('97.2%');
    expect(formatActual(ratio, { actual: '0', value: null })).toBe('—');
  });

  it('fills a bar from 0 to 100 whatever the rate', () => {
    expect(barPercent(0.945)).toBe(94.5);
    expect(barPercent(1.3)).toBe(100);
    expect(barPercent(-0.1)).toBe(0);
    expect(barPercent(null)).toBe(0);
    expect(barPercent(0.12345)).toBe(12.3);
  });
});

describe('rateOnlyNote', () => {
  it('marks a rate reported alone and the rate-only reports a rollup leaves out', () => {
    expect(rateOnlyNote({ rateOnly: true, rateOnlyBelow: 0 })).toBe('按比率填报');
    expect(rateOnlyNote({ rateOnly: false, rateOnlyBelow: 2 })).toBe('2 项按比率填报未计入');
    expect(rateOnlyNote({ rateOnly: false, rateOnlyBelow: 0 })).toBeNull();
  });
});
