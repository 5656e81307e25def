import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { MAX_ID } from './decorators';

/** A path id: digits only, 1..2147483647 (an int4 column), else a 400 naming the parameter. Replaces ParseIdPipe. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'id';
    const n = /^\d{1,10}$/.test(String(value)) ? Number(value) : NaN;
    if (!(n >= 1 && n <= MAX_ID)) throw DomainError.validation(field, `须为 1 到 ${MAX_ID} 之间的整数编号 (must be an id from 1 to ${MAX_ID})`);
    return n;
  }
}

/** An optional id in a query string: absent or empty is undefined, anything else as ParseIdPipe. */
@Injectable()
export class OptionalIdPipe implements PipeTransform<string | undefined, number | undefined> {
  private readonly id = new ParseIdPipe();
  transform(value: string | undefined, metadata: ArgumentMetadata): number | undefined {
    if (value === undefined || value === '') return undefined;
    return this.id.transform(value, metadata);
  }
}

/** Largest bigint id (registry entries, imports): 2^63 - 1. */
const MAX_BIG_ID = 9223372036854775807n;

/** A bigint path id kept as a string: digits only, 1..2^63-1, else a 400 naming the parameter. */
@Injectable()
export class ParseBigIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const field = metadata.data ?? 'id';
    const s = String(value);
    if (!/^\d{1,19}$/.test(s) || BigInt(s) < 1n || BigInt(s) > MAX_BIG_ID)
      throw DomainError.validation(field, `须为正整数编号 (must be a positive integer id)`);
    return String(BigInt(s));
  }
}
