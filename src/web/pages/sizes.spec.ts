import { Translator } from '../../i18n/i18n.js';
import { sizeInWords } from './sizes.js';

describe('sizeInWords', () => {
  it('says a size in bytes under a kilobyte, then in kilobytes and megabytes, in each language', () => {
    const fr = new Translator('fr', 'Europe/Paris');
    const en = new Translator('en', 'Europe/Paris');
    expect([0, 1, 28, 1023, 1536, 5 * 1024 * 1024].map((bytes) => sizeInWords(fr, bytes))).toEqual(['0\u00a0octet', '1\u00a0octet', '28\u00a0octets', '1\u202f023\u00a0octets', '1,5\u202fko', '5\u202fMo']);
    expect([1, 28, 1536, 5 * 1024 * 1024].map((bytes) => sizeInWords(en, bytes))).toEqual(['1 byte', '28 bytes', '1.5 kB', '5 MB']);
  });
});
