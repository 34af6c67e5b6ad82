import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';
import { ErrorCode } from './error-code';
import { clip, PROBLEM_LIMITS as L } from './problem-limits';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Field names and messages echo the request (an unknown property's name), so each is clipped and at most
 * PROBLEM_LIMITS.fieldErrors are listed: a 500-line batch with every line wrong is not a 500-entry answer.
 */
export function validationError(all: FieldError[]): DomainError {
  const errors = all.slice(0, L.fieldErrors).map((e) => ({
    field: clip(e.field, L.field),
    messages: e.messages.slice(0, L.messagesPerField).map((m) => clip(m, L.message)),
  }));
  const shown = errors.slice(0, 10).map((e) => e.field);
  const more = all.length > shown.length ? ` and ${all.length - shown.length} more` : '';
  return new DomainError(ErrorCode.VALIDATION, `Invalid fields: ${shown.join(', ')}${more}.`, { extensions: { errors } });
}

/** Global validation: strip nothing silently; unknown properties are an error, types are transformed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => validationError(flatten(errors)),
  });
}
