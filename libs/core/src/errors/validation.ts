import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { findBadText, MAX_NESTING, nestsDeeperThan } from '../validation/text-guard';
import { zhMessage } from '../validation/messages';
import { DomainError, ErrorCode, FieldError } from './domain-error';

/** `lines.0.deadline` → `lines[0].deadline`, the path form the services use. */
function join(prefix: string, property: string): string {
  if (!prefix) return property;
  return /^\d+$/.test(property) ? `${prefix}[${property}]` : `${prefix}.${property}`;
}

/** class-validator's errors as named fields (`lines[0].deadline`) with Chinese messages. */
export function validationFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = join(prefix, e.property);
    const own = Object.entries(e.constraints ?? {}).map(([name, en]) => ({ field, message: zhMessage(name, en) }));
    return [...own, ...validationFieldErrors(e.children ?? [], field)];
  });
}

/** One 400 for fields at fault: the message lists `field：message` for each. */
export function validationError(fields: FieldError[]): DomainError {
  return new DomainError(ErrorCode.Validation, fields.map((f) => `${f.field}：${f.message}`).join('; '), fields);
}

/**
 * The global pipe, the one place where client input is refused: before any DTO rule, every string of
 * the body, query and path params (nested, arrays and keys included) is checked for NUL and lone
 * surrogates and nesting deeper than MAX_NESTING is refused; then whitelisted, transformed DTOs, each failing field named with a Chinese message.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      if (nestsDeeperThan(value))
        throw validationError([
          { field: metadata.data || metadata.type, message: `嵌套层级过深（最多 ${MAX_NESTING} 层） (nested deeper than ${MAX_NESTING} levels)` },
        ]);
      const bad = findBadText(value, metadata.data ?? '');
      if (bad !== null) throw validationError([{ field: bad, message: zhMessage('badText', 'must not contain NUL or lone surrogate characters') }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationError(validationFieldErrors(errors)),
  });
}
