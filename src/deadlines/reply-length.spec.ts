import { measureText, REPLY_LINE_WIDTH } from './reply-length.js';

describe(measureText.name, () => {
  it('counts an empty or blank text as nothing', () => {
    expect(measureText('')).toEqual({ characters: 0, lines: 0 });
    expect(measureText(' \n\t\n ')).toEqual({ characters: 0, lines: 0 });
  });

  it('counts one short line as one line and its characters', () => {
    expect(measureText('Je conteste.')).toEqual({ characters: 12, lines: 1 });
  });

  it('counts runs of white space as one character, and trims the ends', () => {
    expect(measureText('  un   deux\t\ttrois  ')).toEqual({ characters: 13, lines: 1 });
  });

  it('counts characters, not UTF-16 units: an accented letter or an emoji is one', () => {
    expect(measureText('é😀').characters).toBe(2);
  });

  it('starts a line at each line break, whatever its kind, and counts blank lines between paragraphs', () => {
    expect(measureText('un\ndeux\r\ntrois\rquatre')).toEqual({ characters: 20, lines: 4 });
    expect(measureText('premier paragraphe\n\nsecond')).toEqual({ characters: 25, lines: 3 });
  });

  it(`counts a line longer than ${REPLY_LINE_WIDTH} characters once per started ${REPLY_LINE_WIDTH}`, () => {
    expect(measureText('a'.repeat(REPLY_LINE_WIDTH)).lines).toBe(1);
    expect(measureText('a'.repeat(REPLY_LINE_WIDTH + 1)).lines).toBe(2);
    expect(measureText('a'.repeat(3 * REPLY_LINE_WIDTH)).lines).toBe(3);
  });

  it('counts at another width when asked', () => {
    expect(measureText('a'.repeat(25), 10).lines).toBe(3);
  });

  it('reaches 201 lines with 201 short lines', () => {
    expect(measureText(Array.from({ length: 201 }, (_, index) => `ligne ${index}`).join('\n')).lines).toBe(201);
  });
});
