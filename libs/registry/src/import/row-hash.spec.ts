import { hashFromHex, HashSet64, hashText, rowHash } from './row-hash';

describe('row hashes', () => {
  it('are equal for equal text and differ for text that differs in one character or its length', () => {
    const row = '\t51000019500101000X\t姓名1\tM\t1950-01-01\t13000000001';
    expect(rowHash(row)).toEqual(rowHash(`${row}`));
    expect(rowHash(row)).not.toEqual(rowHash(row.replace('姓名1', '姓名2')));
    expect(rowHash(row)).not.toEqual(rowHash(`${row}\t`));
    expect(rowHash('')).not.toEqual(rowHash('\t'));
  });

  it('reads back from the hex PostgreSQL writes for the bigint (two complement, no leading zeros)', () => {
    // worked by hand: 0x00000001_00000002 = 4294967298; -1 = 0xffffffff_ffffffff; -4294967296 = 0xffffffff_00000000
    expect(hashText({ hi: 1, lo: 2 })).toBe('4294967298');
    expect(hashFromHex('100000002')).toEqual({ hi: 1, lo: 2 });
    expect(hashText({ hi: -1, lo: -1 })).toBe('-1');
    expect(hashFromHex('ffffffffffffffff')).toEqual({ hi: -1, lo: -1 });
    expect(hashText({ hi: -1, lo: 0 })).toBe('-4294967296');
    expect(hashFromHex('ffffffff00000000')).toEqual({ hi: -1, lo: 0 });
    expect(hashFromHex('2a')).toEqual({ hi: 0, lo: 42 });
    const h = rowHash('任意一行');
    expect(hashFromHex(BigInt.asUintN(64, BigInt(hashText(h))).toString(16))).toEqual(h);
  });

  it('a set holds every hash added (growing past its first size), zero included, and nothing else', () => {
    const set = new HashSet64(4);
    const added = Array.from({ length: 5000 }, (_, i) => rowHash(`row ${i}`));
    for (const h of added) set.add(h);
    set.add({ hi: 0, lo: 0 });
    set.add(added[7]); // again: counted once
    expect(set.size).toBe(5001);
    expect(added.every((h) => set.has(h))).toBe(true);
    expect(set.has({ hi: 0, lo: 0 })).toBe(true);
    expect(Array.from({ length: 5000 }, (_, i) => rowHash(`other ${i}`)).filter((h) => set.has(h))).toEqual([]);
  });
});
