import { messageRef, parseMessageRef } from './message-ref';

const TOKEN = '0f8fad5b-d9cb-469f-a165-70867728950e';
const HEX = '0f8fad5bd9cb469fa16570867728950e';

describe('message refs', () => {
  it('puts id, resend and the token without dashes into the ref', () => {
    expect(messageRef(42, 0, TOKEN)).toBe(`om-42-${HEX}`);
    expect(messageRef('42', 2, TOKEN)).toBe(`om-42-r2-${HEX}`);
    expect(messageRef(7, 0, TOKEN.toUpperCase())).toBe(`om-7-${HEX}`);
  });

  it('refuses a token that is not a uuid', () => {
    expect(() => messageRef(1, 0, 'abc')).toThrow(/not a uuid/);
  });

  it('parses its own refs back', () => {
    expect(parseMessageRef(`om-42-${HEX}`)).toEqual({ id: 42, resends: 0, token: HEX });
    expect(parseMessageRef(`om-42-r3-${HEX}`)).toEqual({ id: 42, resends: 3, token: HEX });
    expect(parseMessageRef(`OM-42-${HEX.toUpperCase()}`)).toEqual({ id: 42, resends: 0, token: HEX });
  });

  it('does not take the old sequential refs or anything else', () => {
    for (const ref of ['om-42', 'om-42-r1', `om-42-${HEX.slice(1)}`, `om-42-${HEX}0`, `om-0-${HEX}`, `om-42-r0-${HEX}`, `om-42-${TOKEN}`, `xom-42-${HEX}`, ''])
      expect(parseMessageRef(ref)).toBeNull();
  });
});
