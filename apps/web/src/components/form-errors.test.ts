import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { showFieldErrors } from './form-errors';

/** The two calls showFieldErrors makes of an antd form: which items it has, and the errors put on them. */
function fakeForm(items: (string | number)[][]) {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const form = {
    getFieldsError: () => items.map((name) => ({ name, errors: [], warnings: [] })),
    setFields: (f: typeof set) => set.push(...f),
  } as unknown as FormInstance;
  return { form, set };
}

const splitError = () =>
  new ApiError(400, {
    statusCode: 400,
    error: 'VALIDATION',
    message: 'lines[0].target: 目标须为非负整数（must be whole）; lines[2].target: 目标须为非负整数（must be whole）',
    fields: [
      { field: 'lines[0].target', message: '目标须为非负整数（must be whole）' },
      { field: 'lines[2].target', message: '目标须为非负整数（must be whole）' },
    ],
  });

describe('showFieldErrors', () => {
  it('puts a message on its item and lists the rest in the banner under the form labels', () => {
    const { form, set } = fakeForm([['lines', 0, 'target']]);
    const { error, unplaced } = showFieldErrors(form, splitError(), { target: '分解目标' });
    expect(set).toEqual([{ name: ['lines', 0, 'target'], errors: ['目标须为非负整数'] }]);
    expect(unplaced).toBe(true);
    expect(error.message).toBe('第3行 分解目标：目标须为非负整数');
  });

  it('answers no banner when every message found its item', () => {
    const { form } = fakeForm([
      ['lines', 0, 'target'],
      ['lines', 2, 'target'],
    ]);
    expect(showFieldErrors(form, splitError()).unplaced).toBe(false);
  });

  it('keeps the whole message, paths in Chinese, when no item and no label of the form matched', () => {
    const { form } = fakeForm([['reason']]);
    const { error, unplaced } = showFieldErrors(form, splitError());
    expect(unplaced).toBe(true);
    expect(error.message).toBe('第1行 目标数：目标须为非负整数；第3行 目标数：目标须为非负整数');
  });
});
