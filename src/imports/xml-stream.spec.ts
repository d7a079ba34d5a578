import { XmlStream, type XmlFault } from './xml-stream.js';

/** Reads `text` seven characters at a time, as a stream would; the elements seen and the texts kept, or the fault. */
function read(text: string, keep: string[]): { seen: string[]; kept: Record<string, string>; fault: XmlFault | null } {
  const seen: string[] = [];
  const kept: Record<string, string> = {};
  let fault: XmlFault | null = null;
  const sut: XmlStream = new XmlStream(
    {
      open: (name, attributes, parent) => {
        seen.push(`${parent ?? ''}>${name}${attributes['dsq:id'] ? `#${attributes['dsq:id']}` : ''}`);
        if (keep.includes(name)) sut.keepText();
      },
      close: (name, text) => {
        if (text !== null) kept[name] = text;
      },
    },
    (found) => {
      fault = found;
      return new Error(found.kind);
    },
  );
  try {
    for (let i = 0; i < text.length; i += 7) sut.write(text.slice(i, i + 7));
    sut.end();
  } catch {
    // the fault is returned
  }
  return { seen, kept, fault };
}

describe(XmlStream.name, () => {
  it('gives each element with its parent and attributes, and the text of the kept ones, CDATA and entities included', () => {
    const { seen, kept, fault } = read('<disqus><post dsq:id="7"><message><![CDATA[<p>Très &amp; bien</p>]]></message><name>Zoé &amp; Léo</name></post></disqus>', ['message', 'name']);
    expect(fault).toBeNull();
    expect(seen).toEqual(['>disqus', 'disqus>post#7', 'post>message', 'post>name']);
    expect(kept).toEqual({ message: '<p>Très &amp; bien</p>', name: 'Zoé & Léo' });
  });

  it('closes a self-closing tag without a fault', () => {
    const { seen, kept, fault } = read('<disqus><post dsq:id="7"><thread dsq:id="2"/><parent dsq:id="1" /><id/><message>Oui</message></post></disqus>', ['id', 'message']);
    expect(fault).toBeNull();
    expect(seen).toEqual(['>disqus', 'disqus>post#7', 'post>thread#2', 'post>parent#1', 'post>id', 'post>message']);
    expect(kept).toEqual({ id: '', message: 'Oui' });
  });

  it('says which tag is left open when another element’s end tag closes it', () => {
    expect(read('<a><b><c>text</b></a>', []).fault).toEqual({ kind: 'notClosed', tag: 'c', at: expect.any(Number) });
    expect(read('<a><b><c></b></a>', []).fault).toEqual({ kind: 'notClosed', tag: 'c', at: expect.any(Number) });
  });

  it('says which tag a file cut short leaves open', () => {
    expect(read('<a><b>text</b><c>more', []).fault).toEqual({ kind: 'cutShort', tag: 'c' });
  });

  it('stops at the first error a handler throws', () => {
    const sut = new XmlStream(
      {
        open: (name) => {
          if (name === 'bad') throw new Error('no bad here');
        },
        close: () => undefined,
      },
      (fault) => new Error(fault.kind),
    );
    expect(() => sut.write('<a><bad/><b></b>')).toThrow('no bad here');
    expect(() => sut.end()).toThrow('no bad here');
  });
});
