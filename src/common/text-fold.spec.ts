import { foldText } from './text-fold.js';

describe(foldText.name, () => {
  it('folds case and accents, composed or not', () => {
    expect(foldText('Société Générale')).toBe('societe generale');
    expect(foldText('Socie\u0301te\u0301')).toBe('societe');
  });

  it('spells out what NFKD leaves whole, as unaccent does, upper case too', () => {
    expect(foldText('Œuvre, cœur, Ærø, Straße, Łódź, ﬁn')).toBe('oeuvre, coeur, aero, strasse, lodz, fin');
  });

  it('makes runs of white space one space and trims the ends', () => {
    expect(foldText('  Le\u00a0 fondateur\n\tde  X ')).toBe('le fondateur de x');
  });

  it('gives a fold that folds to itself', () => {
    for (const text of ['Œuvre  Société', 'ÉTÉ', 'Ærø', 'a\u0308']) expect(foldText(foldText(text))).toBe(foldText(text));
  });
});
