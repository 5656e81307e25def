import { maskPhone } from '#core';

const PHONE_KEY = /phone|mobile/i;

/** Every value under a phone-like key (phone, mobile, in any case) masked, at any depth (before/after of changes, nested records). */
export function maskPhones(value: unknown, underPhoneKey = false): unknown {
  if (Array.isArray(value)) return value.map((v) => maskPhones(v, underPhoneKey));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPhones(v, underPhoneKey || PHONE_KEY.test(k))]));
  }
  return underPhoneKey && typeof value === 'string' ? maskPhone(value) : value;
}
