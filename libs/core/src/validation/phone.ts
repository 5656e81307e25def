import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A phone number as a clerk types it: an 11-digit mobile, with or without the country code (+86, 86,
 * 0086) and with spaces, hyphens or brackets between the digits (+86 139 1234 5678, 86-13912345678),
 * in full-width characters too (Chinese input methods type ＋８６); or a landline 区号-号码 (0831-1234567).
 * A mobile is kept as its 11 digits, a landline as typed (its hyphen kept).
 */
export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: string };

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

export const PHONE_REASON = '联系电话格式错误（应为11位手机号，可带+86；或区号-号码，如 0831-1234567）';

/** Full-width digits, plus, hyphen and brackets (U+FF01–FF5E) and the ideographic space as their ASCII forms. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function parsePhone(raw: string): PhoneResult {
  // a leading apostrophe is Excel's "this is text" mark
  const s = halfWidth(raw).trim().replace(/^'/, '').replace(/\s+/g, '');
  if (LANDLINE.test(s)) return { ok: true, phone: s };
  const digits = s.replace(/[-()（）.]/g, '');
  const national = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (MOBILE.test(national)) return { ok: true, phone: national };
  return { ok: false, reason: PHONE_REASON };
}

/**
 * A phone field of a JSON body: a mobile in any form parsePhone reads (+86 139 1234 5678, ＋８６…) is stored as its
 * 11 digits, a landline as typed; anything else is a 400 on the field saying what is expected.
 */
export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => {
      if (typeof value !== 'string') return value;
      const p = parsePhone(value);
      return p.ok ? p.phone : value;
    }),
    ValidateBy(
      {
        name: 'isPhone',
        validator: {
          validate: (v) => typeof v === 'string' && parsePhone(v).ok,
          defaultMessage: (a) => `${a?.property ?? 'phone'} must be a mobile number (11 digits, +86 allowed) or a landline like 0571-88886666`,
        },
      },
      options,
    ),
  );
}
