import { idNumberCheckChar } from '../rules/id-number';
import { KeySet } from './key-set';

describe('KeySet', () => {
  it('tells a repeated key from a new one, across growth', () => {
    const set = new KeySet(16);
    const ids: string[] = [];
    for (let n = 0; n < 50_000; n++) {
      const first = `510104${1950 + Math.floor(n / 1000)}0101${String(n % 1000).padStart(3, '0')}`;
      ids.push(first + idNumberCheckChar(first));
    }
    // 50 birth years x 1 000 sequence numbers: every id above is distinct
    expect(new Set(ids).size).toBe(50_000);
    for (const id of ids) expect(set.add(id)).toBe(true);
    expect(set.size).toBe(50_000);
    for (const id of ids) expect(set.add(id)).toBe(false);
    expect(set.size).toBe(50_000);
  });

  it('keys differ by any of the first 17 characters, letters included, and not by the 18th', () => {
    const set = new KeySet();
    expect(set.add('91510100MA61234567')).toBe(true);
    expect(set.add('91510100MA61234568')).toBe(false); // only the check character differs
    expect(set.add('91510100MA6123456X')).toBe(false);
    expect(set.add('91510100MB61234567')).toBe(true); // 11th character
    expect(set.add('81510100MA61234567')).toBe(true); // 1st character
    expect(set.add('91510100MA61234577')).toBe(true); // 17th character
    expect(set.add('ZZZZZZZZZZZZZZZZZ0')).toBe(true); // the largest key of all: 36^9 - 1 and 36^8 - 1
    expect(set.add('ZZZZZZZZZZZZZZZZZ1')).toBe(false);
    expect(set.add('00000000000000000X')).toBe(true);
    expect(set.size).toBe(6);
  });
});
