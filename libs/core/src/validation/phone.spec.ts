import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsPhone, parsePhone, PHONE_REASON } from './phone';

describe('parsePhone', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['+8613912345678', '13912345678'],
    ['+86 139 1234 5678', '13912345678'],
    ['86-13912345678', '13912345678'],
    ['008613912345678', '13912345678'],
    ['139-1234-5678', '13912345678'],
    ['(+86) 139 1234 5678', '13912345678'],
    ['＋８６ １３９１２３４５６７８', '13912345678'], // full-width, as a Chinese input method types it
    ["'13912345678", '13912345678'], // Excel's text mark
    ['0831-1234567', '0831-1234567'], // a landline keeps its hyphen
    ['08311234567', '08311234567'], // 0831 + 7 digits: a landline (a mobile starts with 1)
  ])('%s -> %s', (raw, phone) => {
    expect(parsePhone(raw)).toEqual({ ok: true, phone });
  });

  it.each([
    '12345', // too short
    '+86 12912345678', // 129 is no mobile prefix
    '+1 139 1234 5678', // another country
    '86139123456789', // 12 digits after 86
    '1391234567a',
    '+8613912345678 转 1',
  ])('refuses %s in Chinese', (raw) => {
    expect(parsePhone(raw)).toEqual({ ok: false, reason: PHONE_REASON });
  });
});

describe('IsPhone', () => {
  class Body {
    @IsPhone() phone: string;
  }
  const check = async (phone: unknown) => {
    const body = plainToInstance(Body, { phone });
    return { phone: body.phone, errors: (await validate(body)).map((e) => Object.keys(e.constraints ?? {})) };
  };

  it('stores a mobile typed with +86, spaces or full-width digits as its 11 digits, a landline as typed', async () => {
    expect(await check('+86 139 1234 5678')).toEqual({ phone: '13912345678', errors: [] });
    expect(await check('＋８６１３９１２３４５６７８')).toEqual({ phone: '13912345678', errors: [] });
    expect(await check('0571-88886666')).toEqual({ phone: '0571-88886666', errors: [] });
  });

  it('refuses what is no phone, as typed', async () => {
    expect(await check('+86 139 1234 567')).toEqual({ phone: '+86 139 1234 567', errors: [['isPhone']] });
    expect(await check(13912345678)).toEqual({ phone: 13912345678, errors: [['isPhone']] });
  });
});
