import { isUntouchedPlaceholder, secondRootMessage } from './root';

describe('placeholder root', () => {
  it('is untouched only with its own code and name and nothing below it', () => {
    expect(isUntouchedPlaceholder({ code: 'ROOT', name: '本级', hasChildren: false })).toBe(true);
    expect(isUntouchedPlaceholder({ code: 'ROOT', name: '本级', hasChildren: true })).toBe(false);
    expect(isUntouchedPlaceholder({ code: 'ROOT', name: '云帆市', hasChildren: false })).toBe(false);
    expect(isUntouchedPlaceholder({ code: 'C1', name: '本级', hasChildren: false })).toBe(false);
  });

  it('names the existing root in the refusal', () => {
    expect(secondRootMessage({ code: 'C1', name: '云帆市' })).toContain('本系统已有顶级单位“云帆市”（编码 C1）');
  });
});
