import { HttpStatus } from '@nestjs/common';
import { fieldProblem, problemException, type Problem } from '../common/problem.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';

/** zxcvbn's score (0 to 4) a password must reach: 3 is "safely unguessable", against an offline attack on a slow hash. */
export const PASSWORD_MIN_SCORE = 3;

/** Why zxcvbn finds a password weak: its warning keys, which the catalogues say in words (problem.password.weak). */
export const WEAK_REASONS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
] as const;

type Estimator = { check(password: string, userInputs?: string[]): { score: number; feedback: { warning: string | null } } };
let estimator: Promise<Estimator> | undefined;

/**
 * zxcvbn with the common, English and French dictionaries, made on first
 * use (the dictionaries weigh a few megabytes: a process that never sets a
 * password never loads them). Its feedback answers warning keys, not
 * sentences: the catalogues say them in the reader's language.
 */
function strength(): Promise<Estimator> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, fr] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    const keys = <T extends Record<string, string>>(messages: T): T => Object.fromEntries(Object.keys(messages).map((key) => [key, key])) as T;
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
      graphs: common.adjacencyGraphs,
      translations: { warnings: keys(en.translations.warnings), suggestions: keys(en.translations.suggestions), timeEstimation: en.translations.timeEstimation },
    });
  })();
  return estimator;
}

/**
 * What is wrong with a new password, as field problems on `password`: the
 * length (PASSWORD_MIN_LENGTH to PASSWORD_MAX_LENGTH), then its strength as
 * zxcvbn estimates it, the person's name and email counted as known to an
 * attacker. Empty when it will do.
 */
export async function passwordProblems(password: string, person: { name: string; email: string }): Promise<Problem[]> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return [fieldProblem('password', 'password.tooShort', `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`, { min: PASSWORD_MIN_LENGTH })];
  }
  const local = person.email.split('@')[0] ?? '';
  const joined = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');
  // The name and email whole, run together, and in parts: each is something an attacker knows.
  const inputs = [person.name, person.email, local, joined(person.name), joined(local), ...person.name.split(/[^\p{L}\p{N}]+/u), ...person.email.split(/[^\p{L}\p{N}]+/u)].filter((part) => part.length >= 3);
  const result = (await strength()).check(password, inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return [];
  const warning = result.feedback.warning;
  const reason = (WEAK_REASONS as readonly string[]).includes(warning ?? '') ? warning! : 'other';
  return [fieldProblem('password', 'password.weak', `password is too easy to guess (${reason}); add a few uncommon words`, { reason })];
}

/** Throws 400 naming the password's problem, if it has one. */
export async function assertPasswordPolicy(password: string, person: { name: string; email: string }): Promise<void> {
  const problems = await passwordProblems(password, person);
  if (problems.length) throw problemException(HttpStatus.BAD_REQUEST, problems);
}

/** A new password chosen on a form (an invite, "My account"): the policy first, then the same typed again in `confirm`. */
export async function assertNewPassword(password: string, confirm: string, person: { name: string; email: string }): Promise<void> {
  await assertPasswordPolicy(password, person);
  if (password !== confirm) throw problemException(HttpStatus.BAD_REQUEST, [fieldProblem('confirm', 'password.mismatch', 'confirm differs from password')]);
}
