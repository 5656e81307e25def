import { hardshipRates, percentOf, subtreeCounts } from './hardship-rates';

describe('percentOf', () => {
  it('prints one decimal, half-up, exactly', () => {
    expect(percentOf(1, 3)).toBe('33.3');
    expect(percentOf(2, 3)).toBe('66.7');
    expect(percentOf(1, 8)).toBe('12.5');
    expect(percentOf(1, 16)).toBe('6.3'); // 6.25 rounds up
    expect(percentOf(0, 5)).toBe('0.0');
    expect(percentOf(5, 5)).toBe('100.0');
    expect(percentOf(999, 1000)).toBe('99.9');
    expect(percentOf(1999, 2000)).toBe('100.0'); // 99.95 rounds up
  });
  it('is blank, not 0 % nor 100 %, with nothing to count', () => {
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe('the three 100 % rates over a small tree', () => {
  // C1 /1/ → D1 /1/2/ → T1 /1/2/3/ → V1 /1/2/3/4/, V2 /1/2/3/5/ (no one listed); C1 → D2 /1/6/ → V3 /1/6/7/
  const own = [
    { path: '/1/2/3/4/', counts: { listed: 3, registered: 2, paid: 1, eligible: 1, receiving: 1 } },
    { path: '/1/2/3/5/', counts: { listed: 0, registered: 0, paid: 0, eligible: 0, receiving: 0 } },
    { path: '/1/6/7/', counts: { listed: 6, registered: 6, paid: 6, eligible: 2, receiving: 1 } },
  ];

  it('adds the counts up the tree and divides once', () => {
    // C1: 9 listed, 8 registered (8/9 = 88.88…), 7 paid of 8 (87.5), 2 receiving of 3 eligible (66.66…)
    expect(subtreeCounts(own, '/1/')).toEqual({ listed: 9, registered: 8, paid: 7, eligible: 3, receiving: 2 });
    expect(hardshipRates(subtreeCounts(own, '/1/'))).toEqual({ registrationRate: '88.9', paymentRate: '87.5', benefitRate: '66.7' });
    // D1 = T1 = V1: 2 of 3 registered, 1 of 2 paid, 1 of 1 receiving
    expect(hardshipRates(subtreeCounts(own, '/1/2/'))).toEqual({ registrationRate: '66.7', paymentRate: '50.0', benefitRate: '100.0' });
    // D2: all registered and paid, 1 of 2 eligible receiving
    expect(hardshipRates(subtreeCounts(own, '/1/6/'))).toEqual({ registrationRate: '100.0', paymentRate: '100.0', benefitRate: '50.0' });
  });

  it('leaves a unit with no one listed blank', () => {
    expect(hardshipRates(subtreeCounts(own, '/1/2/3/5/'))).toEqual({ registrationRate: null, paymentRate: null, benefitRate: null });
  });

  it('leaves the benefit rate blank where no one is of pension age', () => {
    expect(hardshipRates({ listed: 2, registered: 1, paid: 0, eligible: 0, receiving: 0 })).toEqual({
      registrationRate: '50.0',
      paymentRate: '0.0',
      benefitRate: null,
    });
  });
});
