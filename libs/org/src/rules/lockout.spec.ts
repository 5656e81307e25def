import { lockedMessage } from './lockout';

describe('lockedMessage', () => {
  it('says when to try again in Beijing time', () => {
    // 06:05 UTC = 14:05 in Asia/Shanghai
    expect(lockedMessage(new Date('2026-03-02T06:05:00Z'), new Date('2026-03-02T05:50:00Z'))).toBe(
      '密码连续错误 5 次，账户已锁定 15 分钟，请于 14:05 后再试（account locked）',
    );
  });
  it('names the date when the lock ends on another day in China', () => {
    // 16:10 UTC on 2 March = 00:10 on 3 March in China; now is 23:55 on 2 March there
    expect(lockedMessage(new Date('2026-03-02T16:10:00Z'), new Date('2026-03-02T15:55:00Z'))).toBe(
      '密码连续错误 5 次，账户已锁定 15 分钟，请于 2026-03-03 00:10 后再试（account locked）',
    );
  });
});
