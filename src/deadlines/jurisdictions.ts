import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO31661Alpha2, isISO31661Alpha2, ValidateBy } from 'class-validator';

/** The 27 member states of the European Union, by ISO 3166-1 alpha-2 code (Greece is GR, not EL). */
export const EU_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
];

/** A rule's jurisdiction: a country, `EU` for every member state, or `*` for anywhere. */
export const EU = 'EU';
export const ANYWHERE = '*';

/** The jurisdictions a rule may be written for, most specific first. */
export const ruleJurisdictionsFor = (country: string): string[] => [country, ...(EU_MEMBER_STATES.includes(country) ? [EU] : []), ANYWHERE];

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** An ISO 3166-1 alpha-2 country code (upper-cased first), refused with 400 naming the field otherwise. */
export const IsCountry = () =>
  applyDecorators(
    Transform(upper),
    IsISO31661Alpha2({ message: ({ property }) => `${property} must be an ISO 3166-1 alpha-2 country code such as FR` }),
  );

/** A deadline rule's jurisdiction: a country code, EU or *. */
export const IsRuleJurisdiction = () =>
  applyDecorators(
    Transform(upper),
    ValidateBy({
      name: 'isRuleJurisdiction',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (value === EU || value === ANYWHERE || isISO31661Alpha2(value)),
        defaultMessage: (args) => `${args?.property} must be an ISO 3166-1 alpha-2 country code such as FR, ${EU} for every EU member state, or ${ANYWHERE} for anywhere`,
      },
    }),
  );
