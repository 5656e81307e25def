import { createHmac } from 'node:crypto';
import { classifyRobotAnswer, dingtalkSign, dingtalkSignedUrl, maskRobotUrl, maskSecret, robotText } from './robots';

describe('group robots', () => {
  it("signs as DingTalk documents it: base64 HMAC-SHA256 of 'timestamp\\nsecret', URL-encoded in sign", () => {
    const secret = 'SECabc123';
    const ts = 1767225600000; // 2026-01-01T00:00:00Z
    const expected = createHmac('sha256', secret).update('1767225600000\nSECabc123').digest('base64');
    expect(dingtalkSign(secret, ts)).toBe(expected);
    const url = new URL(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=tok123', secret, ts));
    expect(url.searchParams.get('access_token')).toBe('tok123');
    expect(url.searchParams.get('timestamp')).toBe('1767225600000');
    expect(url.searchParams.get('sign')).toBe(expected);
    // '+', '/' and '=' of base64 travel encoded
    expect(url.search).not.toMatch(/sign=[^&]*[+/=]/);
  });

  it('never shows a URL token or a secret in full', () => {
    expect(maskRobotUrl('https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=****cdef',
    );
    expect(maskRobotUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa',
    );
    expect(maskSecret('SEC0123456789abcdef')).toBe('SEC****cdef');
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret(null)).toBeNull();
  });

  it('reads the answer: errcode 0 sent, rate limits retried, the rest refused', () => {
    expect(classifyRobotAnswer(200, { errcode: 0, errmsg: 'ok' })).toEqual({ ok: true });
    expect(classifyRobotAnswer(200, { errcode: 130101, errmsg: 'send too fast' })).toMatchObject({ ok: false, retry: true });
    expect(classifyRobotAnswer(200, { errcode: 310000, errmsg: 'sign not match' })).toMatchObject({ ok: false, retry: false });
    expect(classifyRobotAnswer(503, {})).toMatchObject({ ok: false, retry: true });
    expect(classifyRobotAnswer(404, {})).toMatchObject({ ok: false, retry: false });
  });

  it('writes subject and body as one text', () => {
    expect(robotText('3 项任务已逾期', '任务A\n任务B')).toBe('【应保尽保】3 项任务已逾期\n任务A\n任务B');
    expect(robotText('新通报', '新通报')).toBe('【应保尽保】新通报');
  });
});
