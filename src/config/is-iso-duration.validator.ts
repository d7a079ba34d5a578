import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { Duration } from 'luxon';

/** Milliseconds of a non-negative ISO-8601 duration (PT1H, PT0.5S, P2D); NaN for anything else. */
export function durationMs(value: string): number {
  const duration = Duration.fromISO(value.trim());
  const ms = duration.isValid ? duration.toMillis() : Number.NaN;
  return ms >= 0 ? ms : Number.NaN;
}

/** An ISO-8601 duration of at least the given milliseconds (constraint 0, default 0). */
@ValidatorConstraint({ name: 'isIsoDuration' })
export class IsIsoDuration implements ValidatorConstraintInterface {
  validate(value: unknown, args?: ValidationArguments): boolean {
    const minimum = (args?.constraints?.[0] as number | undefined) ?? 0;
    return typeof value === 'string' && durationMs(value) >= minimum;
  }

  defaultMessage(args: ValidationArguments): string {
    const minimum = (args.constraints?.[0] as number | undefined) ?? 0;
    return `${args.property} must be an ISO-8601 duration such as PT4H${minimum ? ` and at least ${minimum / 1000} s` : ''}`;
  }
}
