import { describe, expect, it } from 'vitest';
import { ApiError, namePath, toApiError } from './errors';

describe('API errors', () => {
  it('turns a field of the API into an antd name path', () => {
    expect(namePath('newPassword')).toEqual(['newPassword']);
    expect(namePath('escalation.windows[0].from')).toEqual(['escalation', 'windows', 0, 'from']);
    expect(namePath('lines[12]')).toEqual(['lines', 12]);
  });

  it('keeps the API message and fields', () => {
    const e = new ApiError(400, {
      statusCode: 400,
      error: 'VALIDATION',
      message: 'newPassword: 密码不能包含用户名',
      fields: [{ field: 'newPassword', message: '密码不能包含用户名' }],
    });
    expect(e.message).toBe('newPassword: 密码不能包含用户名');
    expect(e.fieldMessage('newPassword')).toBe('密码不能包含用户名');
    expect(e.code).toBe('VALIDATION');
  });

  it('words a network failure in Chinese', () => {
    expect(toApiError(new TypeError('Failed to fetch')).message).toBe('无法连接服务器，请检查网络后重试');
    expect(toApiError(new TypeError('x')).status).toBe(0);
  });
});
