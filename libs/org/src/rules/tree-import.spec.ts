import { TreeRow, validateTree } from './tree-import';

const row = (row: number, code: string, parentCode: string, level = 'town', name = 'N' + code): TreeRow => ({ row, code, name, level, parentCode });

describe('validateTree', () => {
  it('orders parents before children', () => {
    const { errors, ordered } = validateTree([row(2, 'V1', 'T1', 'village'), row(3, 'T1', 'D1'), row(4, 'D1', 'C', 'district')], new Set(['C']));
    expect(errors).toEqual([]);
    expect(ordered.map((r) => r.code)).toEqual(['D1', 'T1', 'V1']);
  });
  it('names the row of an unknown parent, a duplicate code, a bad level and a cycle', () => {
    const { errors } = validateTree(
      [row(2, 'A', 'ZZ'), row(3, 'B', 'C'), row(4, 'B', 'C'), row(5, 'X', 'Y', 'province'), row(6, 'Y', 'X'), row(7, 'C', 'root')],
      new Set(['C', 'root']),
    );
    expect(errors).toEqual([
      { row: 2, field: 'parent_code', message: 'parent ZZ is unknown' },
      { row: 4, field: 'code', message: 'code B appears twice (also row 3)' },
      { row: 5, field: 'level', message: 'level "province" is not one of city, district, town, village, agency' },
      { row: 5, field: 'parent_code', message: 'code X is part of a cycle of parents' },
      { row: 6, field: 'parent_code', message: 'code Y is part of a cycle of parents' },
      { row: 7, field: 'code', message: 'code C already exists' },
    ]);
  });
});
