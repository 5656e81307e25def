import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNumberString, IsOptional, Max, Min, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/** Largest id a PostgreSQL integer (int4) column holds: every id and id filter stays within 1..MAX_ID. */
export const MAX_ID = 2147483647;
/** Largest page number: keeps (page - 1) * pageSize (at most 500) far inside a bigint offset. */
export const MAX_PAGE = 100000;
export const MAX_PAGE_SIZE = 500;

/** Text lengths used across the DTOs, by kind of field. */
export const TEXT = { code: 50, name: 100, title: 200, short: 200, comment: 2000, note: 2000, long: 4000, query: 100 } as const;

/** An integer id (int4 column): 1..2147483647, in a JSON body. `each` for arrays of ids. */
export function IsId(options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  return applyDecorators(IsInt({ each }), Min(1, { each }), Max(MAX_ID, { each }));
}

/** An integer id given as a query-string (or multipart) value: converted to a number, then as IsId. */
export function IsQueryId(): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsId(),
  );
}

/** True for a real calendar date YYYY-MM-DD (2024-02-29 yes, 2025-02-29 and 2026-02-30 no), year 1..9999. */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(2000, mo, 0)).getUTCDate(); // days of that month in a leap year
  if (d > days) return false;
  if (mo === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return true;
}

/** A real calendar date YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v) => isCalendarDate(v),
        defaultMessage: (a) => `${a?.property ?? 'value'} must be a real date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/**
 * Fits a numeric(precision, scale) column: a finite number (or a numeric string) with fewer than
 * precision - scale digits before the point. Decimal places are left to the field's own rule.
 */
export function fitsNumeric(value: unknown, precision: number, scale: number): boolean {
  const intDigits = precision - scale;
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) < 10 ** intDigits;
  if (typeof value === 'string') {
    if (value.length > precision + 40) return false;
    const m = /^[+-]?(\d*)(?:\.\d*)?$/.exec(value.trim());
    if (!m) return true; // not a number at all: the field's number rule answers
    return m[1].replace(/^0+/, '').length <= intDigits;
  }
  return true;
}

export function FitsNumeric(precision: number, scale: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'fitsNumeric',
      constraints: [precision, scale],
      validator: {
        validate: (v) => fitsNumeric(v, precision, scale),
        defaultMessage: (a) => `${a?.property ?? 'value'} must be below ${10 ** (precision - scale)}`,
      },
    },
    options,
  );
}

/**
 * A decimal kept as a string (exact: no float rounding) that may be sent as a JSON number too: 55 and
 * "55" are the same value, as are 12.5 and "12.50". A number is turned into its shortest string first
 * (a number JavaScript would only print with an exponent, 1e21, is refused like the string "1e21").
 * Then it must be a plain numeric string that fits numeric(precision, scale).
 */
export function IsDecimal(precision: number, scale: number, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value)),
    IsNumberString({ no_symbols: false }, { message: (a) => `${a.property} must be a number`, ...options }),
    FitsNumeric(precision, scale, options),
    ValidateBy(
      {
        name: 'decimalPlaces',
        constraints: [scale],
        validator: {
          validate: (v) => typeof v !== 'string' || !/^[+-]?\d*\.\d+$/.test(v.trim()) || v.trim().split('.')[1].length <= scale,
          defaultMessage: (a) => `${a?.property ?? 'value'} has at most ${scale} decimal places`,
        },
      },
      options,
    ),
  );
}

/**
 * Optional, but not null: omitting the field leaves it unchanged, while null is checked by the other
 * rules (and refused by them). For PATCH fields whose column is NOT NULL; @IsOptional lets null through.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_o: object, v: unknown) => v !== undefined);
}

/** Optional, and null allowed (clears a nullable column): the plain @IsOptional, named for intent. */
export const IsOptionalNullable = IsOptional;

/** Turns 'true'/'false' query values into booleans (anything else is left for @IsBoolean to refuse). */
export const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value,
  );
