import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { passwordProblems } from './password-policy.js';

const person = { name: 'Marie-Aude Lambert', email: 'marie-aude.lambert@example.com' };

describe(passwordProblems.name, () => {
  it('wants at least 12 characters', async () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(await passwordProblems('aaaaaaaaaa', person)).toEqual([expect.objectContaining({ field: 'password', code: 'password.tooShort', values: { min: 12 } })]);
  });

  it.each([
    ['aaaaaaaaaaaa', 'simpleRepeat'],
    ['abcabcabcabcabc', 'extendedRepeat'],
    ['qwertyuiopasdf', 'similarToCommon'],
    ['zxcvbnm,./asdfg', 'other'],
    ['motdepasse123', 'other'],
    ['marieaudelambert', 'userInputs'],
    ['password1234', 'similarToCommon'],
  ])('refuses %j and says why (%s)', async (password, reason) => {
    const [problem, ...more] = await passwordProblems(password, person);
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ field: 'password', code: 'password.weak' });
    expect(typeof problem!.values!['reason']).toBe('string');
    // zxcvbn names the pattern it found first; the reason it gives is one the catalogues say.
    if (reason !== 'other') expect(problem!.values!['reason']).toBe(reason);
  });

  it.each(['correct horse battery staple', 'Le chat de Tabitha mange des figues', 'tr0ub4dor&3 plume verte'])('accepts %j', async (password) => {
    expect(await passwordProblems(password, person)).toEqual([]);
  });
});
