import { maskPhones } from './mask-phones';

describe('phones masked in audit changes', () => {
  it('masks a phone-like key’s string, keeping the first 3 and the last 4 digits', () => {
    // 13812345678: 138 + 4 stars + 5678
    expect(maskPhones({ phone: '13812345678', name: '张三' })).toEqual({ phone: '138****5678', name: '张三' });
    expect(maskPhones({ contactMobile: '13912345678', PHONE: '1234567' })).toEqual({ contactMobile: '139****5678', PHONE: '*******' });
  });

  it('masks at any depth, in arrays and below a phone key, and leaves other values alone', () => {
    const changes = {
      before: { phone: '13812345678', count: 3 },
      after: { phones: ['13812345678', '021-12345678'], contact: { mobile: { home: '13700001111' } }, note: '13812345678' },
    };
    expect(maskPhones(changes)).toEqual({
      before: { phone: '138****5678', count: 3 },
      // 021-12345678 (12 characters): 021 + 5 stars + 5678
      after: { phones: ['138****5678', '021*****5678'], contact: { mobile: { home: '137****1111' } }, note: '13812345678' },
    });
  });

  it('keeps what is not a string under a phone key, and null, as it is', () => {
    expect(maskPhones({ phone: null, mobile: 13812345678, phoneVerified: true })).toEqual({ phone: null, mobile: 13812345678, phoneVerified: true });
    expect(maskPhones(null)).toBeNull();
    expect(maskPhones('13812345678')).toBe('13812345678');
    expect(maskPhones({ phone: '' })).toEqual({ phone: '' });
  });
});
