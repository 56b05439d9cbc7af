import { ValidationPipe, type ValidationError } from '@nestjs/common';

import type { FieldError } from '../errors/app.exception.js';
import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelist, forbid unknown fields (naming them), transform; failures become `COMMON.VALIDATION_FAILED` with `errors[]`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
      return new CommonException(CommonExceptionCode.VALIDATION_FAILED, `Invalid request: ${fields}.`, { errors: fieldErrors });
    },
  });
}
