import { BadRequestException, HttpStatus, ParseUUIDPipe, Param, Query, ValidationPipe, type ArgumentMetadata, type Type, type ValidationError } from '@nestjs/common';
import { problemException, type Problem } from './problem.js';

/**
 * One problem per bad field, with nested fields named by their path
 * (`demands.0.kind`). Of a field's failed constraints it reports the one
 * written first on the property, the most basic (a number sent for a string
 * is "must be a string", not "must be shorter than 200 characters"). The
 * code is `validation.<constraint>` (`validation.maxLength`).
 */
export function validationProblems(errors: ValidationError[], parent = ''): Problem[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length) {
      const [name, message] = constraints[constraints.length - 1]!;
      const problem = (text: string): Problem => ({ field: path, code: `validation.${name}`, message: text });
      if (name === 'whitelistValidation') return [problem(`${path} is not an accepted field`)];
      if (message.startsWith(`${error.property} `)) return [problem(`${path}${message.slice(error.property.length)}`)];
      return [problem(path === error.property && new RegExp(`\\b${error.property}\\b`).test(message) ? message : `${path}: ${message}`)];
    }
    return validationProblems(error.children ?? [], path);
  });
}

/** The English sentences of `validationProblems`. */
export const validationMessages = (errors: ValidationError[]): string[] => validationProblems(errors).map((problem) => problem.message);

/** Refuses a body that is not a JSON object (an array, a string) before validating its fields. */
class CalumetValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new BadRequestException(['the request body must be a JSON object']);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new CalumetValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => problemException(HttpStatus.BAD_REQUEST, validationProblems(errors)),
  });
}

/** Validates input that does not arrive as a JSON @Body (multipart fields, a body read by hand) the way the global pipe does. */
export async function validateAs<T>(metatype: Type<T>, value: unknown): Promise<T> {
  return (await createValidationPipe().transform(value, { type: 'body', metatype })) as T;
}

function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name} must be a UUID`]) });
}

/** A path id, refused with 400 naming it unless it is a UUID. */
export const IdParam = (name = 'id') => Param(name, uuidPipe(name));
/** An optional query id, refused with 400 naming it unless it is a UUID. */
export const IdQuery = (name: string) => Query(name, new ParseUUIDPipe({ optional: true, exceptionFactory: () => new BadRequestException([`${name} must be a UUID`]) }));
