import { ratePercent } from './investigation-rate';

describe('investigation rate (seed 002 annex 4)', () => {
  it('is a percentage with one decimal, half up', () => {
    // 1/3 = 33.33.. % -> 33.3 ; 2/3 = 66.66.. % -> 66.7 ; 1/8 = 12.5 % ; 1/16 = 6.25 % -> 6.3 (half up) ; 1/2000 = 0.05 % -> 0.1
    expect(ratePercent(1, 3)).toBe(33.3);
    expect(ratePercent(2, 3)).toBe(66.7);
    expect(ratePercent(1, 8)).toBe(12.5);
    expect(ratePercent(1, 16)).toBe(6.3);
    expect(ratePercent(1, 2000)).toBe(0.1);
  });

  it('is 0 with nothing done, above 100 when more was done than issued, and none when nothing was issued', () => {
    expect(ratePercent(0, 5)).toBe(0);
    // 7/5 = 140 %
    expect(ratePercent(7, 5)).toBe(140);
    expect(ratePercent(5, 5)).toBe(100);
    expect(ratePercent(0, 0)).toBeNull();
    expect(ratePercent(3, 0)).toBeNull();
  });
});
