import { changedFields } from './audit.service';

describe('changedFields', () => {
  it('keeps only fields whose value changed, with before and after', () => {
    expect(changedFields({ name: 'A', level: 'town', x: 1 }, { name: 'B', level: 'town', x: 1 })).toEqual({ name: { before: 'A', after: 'B' } });
  });
  it('treats a creation as every field from null', () => {
    expect(changedFields(null, { code: 'C1' })).toEqual({ code: { before: null, after: 'C1' } });
  });
  it('never stores a password hash', () => {
    expect(changedFields({ passwordHash: 'a' }, { passwordHash: 'b' })).toEqual({});
  });
});
