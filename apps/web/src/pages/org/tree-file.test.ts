import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { treeRowErrors, treeTemplate } from './tree-file';

describe('tree file', () => {
  it('offers a template with the header the API reads', () => {
    expect(treeTemplate('DH').split('\r\n')).toEqual(['code,name,level,parent_code', 'XQ,新区,district,DH', 'XQ01,新区街道,town,XQ', '']);
  });

  it('lists a refusal row by row with Chinese field names', () => {
    const e = new ApiError(400, {
      statusCode: 400,
      error: 'IMPORT_REJECTED',
      message: '2 row(s) are wrong; nothing was imported',
      fields: [
        { row: 4, field: 'parent_code', message: '上级代码 NOPE 不存在' },
        { row: 2, field: 'level', message: '层级“x”不是 city、district、town、village、agency 之一' },
      ],
    });
    expect(treeRowErrors(e)).toEqual([
      { key: '1', row: 2, field: '层级', message: '层级“x”不是 city、district、town、village、agency 之一' },
      { key: '0', row: 4, field: '上级代码', message: '上级代码 NOPE 不存在' },
    ]);
  });

  it('keeps a whole-file refusal without a row, and nothing for a network error', () => {
    const e = new ApiError(400, { statusCode: 400, error: 'IMPORT_REJECTED', message: 'x', fields: [{ field: 'file', message: '文件过大' }] });
    expect(treeRowErrors(e)).toEqual([{ key: '0', row: null, field: '文件', message: '文件过大' }]);
    expect(treeRowErrors(new TypeError('Failed to fetch'))).toEqual([]);
  });
});
