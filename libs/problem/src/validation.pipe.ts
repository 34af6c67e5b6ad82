import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';
import { ErrorCode } from './error-code';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function validationError(errors: FieldError[]): DomainError {
  const fields = errors.map((e) => e.field).join(', ');
  return new DomainError(ErrorCode.VALIDATION, `Invalid fields: ${fields}.`, { extensions: { errors } });
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
