import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { parseTrustProxy } from './trust-proxy.js';

@ValidatorConstraint({ name: 'isTrustProxy' })
export class IsTrustProxy implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseTrustProxy(value) !== null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be unset or false (trust no proxy), a hop count from 1 to 10, or comma-separated proxy addresses and CIDR ranges such as 10.0.0.0/8,::1`;
  }
}
