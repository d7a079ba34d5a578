import { HttpStatus, ParseUUIDPipe, Param, Query, ValidationPipe, type ArgumentMetadata, type Type, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { MessageValue } from '../i18n/i18n.js';
import { badRequest, fieldProblem, problem, problemException, type Problem } from './problem.js';

/**
 * What a constraint's sentence names, by the constraint's name: class-validator
 * keeps a decorator's arguments (`@MaxLength(200)` → [200]) in its metadata
 * storage; these name them for the catalogues (`{max}`).
 */
const CONSTRAINT_VALUES: Record<string, readonly string[]> = {
  maxLength: ['max'],
  minLength: ['min'],
  max: ['max'],
  min: ['min'],
  arrayMaxSize: ['max'],
  arrayMinSize: ['min'],
  isIn: ['allowed'],
};

const metadataStorage = getMetadataStorage();

/** A failed constraint's arguments, read from class-validator's metadata storage (never parsed from its sentence). */
function constraintValues(error: ValidationError, name: string): Record<string, MessageValue> | undefined {
  const names = CONSTRAINT_VALUES[name];
  const target = error.target?.constructor;
  if (!names || !target) return undefined;
  const metadata = metadataStorage
    .getTargetValidationMetadatas(target, '', true, false)
    .find((item) => item.propertyName === error.property && item.name === name);
  if (!metadata?.constraints) return undefined;
  const values: Record<string, MessageValue> = {};
  names.forEach((value, i) => {
    const constraint: unknown = metadata.constraints[i];
    if (typeof constraint === 'number' || typeof constraint === 'string') values[value] = constraint;
    else if (Array.isArray(constraint)) values[value] = constraint.map(String);
  });
  return values;
}

/**
 * One problem per bad field, with nested fields named by their path
 * (`demands.0.kind`). Of a field's failed constraints it reports the one
 * written first on the property, the most basic (a number sent for a string
 * is "must be a string", not "must be shorter than 200 characters"). The
 * code is `validation.<constraint>` (`validation.maxLength`), with the
 * constraint's arguments as values (`{ max: 200 }`).
 */
export function validationProblems(errors: ValidationError[], parent = ''): Problem[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length) {
      const [name, message] = constraints[constraints.length - 1]!;
      // A field left out is said as missing, whatever its first rule ("Text is required", not "Text must be text").
      const missing = (error.value === undefined || error.value === null) && name !== 'whitelistValidation';
      const values = missing ? undefined : constraintValues(error, name);
      const problem = (text: string): Problem => fieldProblem(path, missing ? 'validation.isDefined' : `validation.${name}`, text, values);
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
      throw badRequest(problem('request.notObject', 'the request body must be a JSON object'));
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
    // Each error's target (the object it was found in) tells whose constraint failed, for its values; the body never carries it.
    validationError: { target: true },
    exceptionFactory: (errors) => problemException(HttpStatus.BAD_REQUEST, validationProblems(errors)),
  });
}

/** Validates input that does not arrive as a JSON @Body (multipart fields, a body read by hand) the way the global pipe does. */
export async function validateAs<T>(metatype: Type<T>, value: unknown): Promise<T> {
  return (await createValidationPipe().transform(value, { type: 'body', metatype })) as T;
}

/** The pipe that refuses with 400 naming `name` anything but a UUID. */
const uuidPipe = (name: string, optional = false) =>
  new ParseUUIDPipe({ optional, exceptionFactory: () => badRequest(fieldProblem(name, 'validation.isUuid', `${name} must be a UUID`)) });

/** `value` if it is a UUID, else the 400 naming `name` that IdParam answers: for a path segment that may be something else first. */
export const asUuid = (name: string, value: string): Promise<string> => uuidPipe(name).transform(value, { type: 'param', data: name }) as Promise<string>;

/** A path id, refused with 400 naming it unless it is a UUID. */
export const IdParam = (name = 'id') => Param(name, uuidPipe(name));
/** An optional query id, refused with 400 naming it unless it is a UUID. */
export const IdQuery = (name: string) => Query(name, uuidPipe(name, true));
