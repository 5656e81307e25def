import { maskIdNumber, maskPhone } from './masking';

describe('masking', () => {
  it('shows the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('shows the first 3 and last 4 of a mobile number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
  it('passes empty values through', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskPhone('')).toBe('');
  });
});
