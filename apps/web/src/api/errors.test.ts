import { describe, expect, it } from 'vitest';
import { ApiError, fieldLabel, fieldLines, namePath, stripGloss, toApiError } from './errors';

describe('API errors', () => {
  it('turns a field of the API into an antd name path', () => {
    expect(namePath('newPassword')).toEqual(['newPassword']);
    expect(namePath('escalation.windows[0].from')).toEqual(['escalation', 'windows', 0, 'from']);
    expect(namePath('lines[12]')).toEqual(['lines', 12]);
  });

  it('keeps the API message and fields, the field it names in Chinese', () => {
    const e = new ApiError(400, {
      statusCode: 400,
      error: 'VALIDATION',
      message: 'newPassword: 密码不能包含用户名',
      fields: [{ field: 'newPassword', message: '密码不能包含用户名' }],
    });
    expect(e.message).toBe('新密码：密码不能包含用户名');
    expect(e.fieldMessage('newPassword')).toBe('密码不能包含用户名');
    expect(e.code).toBe('VALIDATION');
  });

  it('words a network failure in Chinese', () => {
    expect(toApiError(new TypeError('Failed to fetch')).message).toBe('无法连接服务器，请检查网络后重试');
    expect(toApiError(new TypeError('x')).status).toBe(0);
  });

  it('drops the English gloss of a message, keeping Chinese brackets', () => {
    expect(
      stripGloss(
        '只有本扩面任务领导小组的组长或副组长可以批准分解方案（only the head or a deputy head of the campaign leadership group approves an allocation）',
      ),
    ).toBe('只有本扩面任务领导小组的组长或副组长可以批准分解方案');
    expect(stripGloss('用户不存在（编号 3、4）（unknown users 3, 4）')).toBe('用户不存在（编号 3、4）');
    expect(stripGloss('时间节点 2026-13-01 不在扩面任务的起止日期之内（2026-13-01 lies outside the campaign period）')).toBe(
      '时间节点 2026-13-01 不在扩面任务的起止日期之内',
    );
    expect(stripGloss("干部承担的是东湖区本级任务的份额，请不要填写下级单位（a cadre holds a share of 东湖区's own task: leave childUnitId out）")).toBe(
      '干部承担的是东湖区本级任务的份额，请不要填写下级单位',
    );
    expect(stripGloss('编码须填 (code is required)')).toBe('编码须填');
    expect(stripGloss('嵌套层级过深（最多 8 层） (nested deeper than 8 levels)')).toBe('嵌套层级过深（最多 8 层）');
    expect(stripGloss('请上传 CSV (UTF-8) 文件')).toBe('请上传 CSV (UTF-8) 文件');
    expect(stripGloss('身份证号格式不对（前17位数字，末位数字或X）')).toBe('身份证号格式不对（前17位数字，末位数字或X）');
    expect(stripGloss('缺少文件（表单字段 file）')).toBe('缺少文件（表单字段 file）');
  });

  it('names a field path in Chinese: rows from 1, a list name before its row left out, unknown segments left out', () => {
    expect(fieldLabel('lines[2].target')).toBe('第3行 目标数');
    expect(fieldLabel('phases[1].endsOn')).toBe('第2行 结束日期');
    expect(fieldLabel('lines[0]')).toBe('第1行');
    expect(fieldLabel('milestones')).toBe('时间节点');
    expect(fieldLabel('settings.escalation.windows[0].from')).toBe('设置 第1行');
    expect(fieldLabel('lines[4].childUnitId', { childUnitId: '单位' })).toBe('第5行 单位');
    expect(fieldLabel('lines[4].childUnitId', { 'lines[4].childUnitId': '东湖区' })).toBe('东湖区');
    expect(fieldLabel('fooBar')).toBe('');
    expect(fieldLabel('身份证号')).toBe('身份证号');
  });

  it('lists fields the form did not show under their labels', () => {
    expect(
      fieldLines([
        { field: 'lines[2].target', message: '目标须为非负整数' },
        { field: 'fooBar', message: '不能为空' },
      ]),
    ).toBe('第3行 目标数：目标须为非负整数；不能为空');
  });

  it('shows every message of an error without its gloss and without raw paths', () => {
    const e = new ApiError(400, {
      statusCode: 400,
      error: 'ALLOCATION_SUM_MISMATCH',
      message:
        'lines[2].target: 目标须为非负整数（target must be a whole number of people）; lines[12].deadline: 截止日期不能晚于上级截止日期（must not be after the parent deadline）',
      fields: [
        { field: 'lines[2].target', message: '目标须为非负整数（target must be a whole number of people）' },
        { field: 'lines[12].deadline', message: '截止日期不能晚于上级截止日期（must not be after the parent deadline）' },
      ],
    });
    expect(e.message).toBe('第3行 目标数：目标须为非负整数；第13行 截止日期：截止日期不能晚于上级截止日期');
    expect(e.fieldMessage('lines[2].target')).toBe('目标须为非负整数');
    expect(new ApiError(409, { statusCode: 409, error: 'CONFLICT', message: '扩面任务 5 当前为“进行中”：只能修改草稿（campaign 5 is active）' }).message).toBe(
      '扩面任务 5 当前为“进行中”：只能修改草稿',
    );
  });
});
