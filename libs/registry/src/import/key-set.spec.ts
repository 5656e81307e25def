import { idNumberCheckChar } from '../rules/id-number';
import { KeySet } from './key-set';

describe('KeySet', () => {
  const ids: string[] = [];
  for (let n = 0; n < 10_000; n++) {
    const first = `510104${1900 + Math.floor(n / 1000)}0101${String(n % 1000).padStart(3, '0')}`;
    ids.push(first + idNumberCheckChar(first));
  }

  it('finds every repeated key, across growth, and answers "seen" for few new ones', () => {
    expect(new Set(ids).size).toBe(10_000); // 10 birth years x 1 000 sequence numbers
    const set = new KeySet(16);
    const seenNew = ids.filter((id) => !set.add(id)).length;
    // a 32-bit hash: about 10 000² / 2 / 2^32 ≈ 0.01 pairs collide, on average
    expect(seenNew).toBeLessThanOrEqual(20);
    // every key added again answers "seen"; the table grew from 16 slots to 32 768 on the way
    expect(ids.filter((id) => set.add(id))).toEqual([]);
    expect(set.size).toBe(10_000 - seenNew);
  });

  it('a key is its first 17 characters: the check character does not tell keys apart', () => {
    const set = new KeySet();
    expect(set.add('91510100MA61234567')).toBe(true);
    expect(set.add('91510100MA61234568')).toBe(false);
    expect(set.add('91510100MA6123456X')).toBe(false);
    expect(set.add('91510100MB61234567')).toBe(true); // 11th character
    expect(set.add('81510100MA61234567')).toBe(true); // 1st character
    expect(set.add('91510100MA61234577')).toBe(true); // 17th character
    expect(set.add('81510100MA61234560')).toBe(false);
    expect(set.size).toBe(4);
  });
});
