import { classify } from '../channels/gateway-answer';
import { gaveUp, undelivered } from './failure-reasons';

describe('failure reasons (shown on the reminder round screen)', () => {
  it('names an undelivered message in Chinese, with the gateway reason when there is one', () => {
    expect(undelivered()).toBe('未送达（未说明原因）');
    expect(undelivered('空号 (number does not exist)')).toBe('未送达：空号 (number does not exist)');
  });

  it('classifies gateway answers with Chinese reasons, the gateway code and message in brackets', () => {
    expect(classify(200, { messageId: 'g-1' })).toEqual({ ok: true, gatewayId: 'g-1' });
    expect(classify(429, {})).toEqual({ ok: false, retry: true, reason: '网关限流（rate limited by gateway: HTTP 429）' });
    expect(classify(503, { code: 'BUSY' })).toEqual({ ok: false, retry: true, reason: '网关故障（gateway failed: BUSY）' });
    expect(classify(400, { code: 'INVALID_NUMBER', message: '123 is not a mobile number' })).toEqual({
      ok: false,
      retry: false,
      reason: '网关拒收（INVALID_NUMBER: 123 is not a mobile number）',
    });
    expect(gaveUp('网关故障（gateway failed: BUSY）')).toBe('网关故障（gateway failed: BUSY）；已到最后一次尝试，不再重试（gave up after the last attempt）');
  });
});
