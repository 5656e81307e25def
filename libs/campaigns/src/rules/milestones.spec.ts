import { expectedByMilestone } from './milestones';

describe('expected value by a milestone', () => {
  it('is target × cumulative percent, rounded half up to two decimals', () => {
    expect(expectedByMilestone('count', '8000.00', '25.00')).toBe('2000.00'); // 8000 × 25 % = 2000
    expect(expectedByMilestone('amount', '333.00', '33.33')).toBe('110.99'); // 333 × 0.3333 = 110.9889 → 110.99
    expect(expectedByMilestone('count', '0.10', '25.00')).toBe('0.03'); // 0.10 × 0.25 = 0.025 → 0.03 (half up)
    expect(expectedByMilestone('count', '0.10', '24.00')).toBe('0.02'); // 0.024 → 0.02
  });
  it('is the rate itself for a ratio', () => {
    expect(expectedByMilestone('ratio', '98.50', '25.00')).toBe('98.50');
  });
});
