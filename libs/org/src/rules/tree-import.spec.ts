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
      { row: 2, field: 'parent_code', message: '上级代码 ZZ 不存在 (parent ZZ is unknown)' },
      { row: 4, field: 'code', message: '代码 B 重复出现（另见第 3 行）(code B appears twice)' },
      {
        row: 5,
        field: 'level',
        message: '层级“province”不是 city、district、town、village、agency 之一 (level "province" is not one of city, district, town, village, agency)',
      },
      { row: 5, field: 'parent_code', message: '代码 X 的上级关系形成了循环 (code X is part of a cycle of parents)' },
      { row: 6, field: 'parent_code', message: '代码 Y 的上级关系形成了循环 (code Y is part of a cycle of parents)' },
      { row: 7, field: 'code', message: '代码 C 已存在 (code C already exists)' },
    ]);
  });
  it('holds a file to the rules of a unit created by hand: code pattern, name length, no NUL', () => {
    const { errors } = validateTree(
      [
        row(2, 'x'.repeat(41), 'C'),
        row(3, 'a b/../%_', 'C'),
        row(4, 'OK1', 'C', 'town', '名'.repeat(101)),
        row(5, 'OK2', 'C', 'town', '名\u0000'),
        row(6, 'OK3', 'C', 'town', '名'.repeat(100)),
      ],
      new Set(['C']),
    );
    expect(errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:code', '3:code', '4:name', '5:name']);
    expect(errors[0].message).toBe('代码只能包含字母、数字、- 和 _，最多 40 个字符 (letters, digits, - and _, at most 40)');
    expect(errors[2].message).toBe('名称不能超过 100 个字符 (at most 100)');
  });
});
