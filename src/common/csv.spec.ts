import { csvOf, inert } from './csv.js';

describe('csvOf', () => {
  const columns = [
    { header: 'name', value: (row: { name: string; n: number | null }) => row.name },
    { header: 'n', value: (row: { name: string; n: number | null }) => row.n },
  ];

  it('starts with the BOM and a header, ends records with CRLF, and quotes commas, quotes and line breaks', () => {
    expect(csvOf(columns, [{ name: 'a, "b"\nc', n: 1 }])).toBe('\ufeffname,n\r\n"a, ""b""\nc",1\r\n');
    expect(csvOf(columns, [{ name: 'x', n: null }])).toBe('\ufeffname,n\r\nx,\r\n');
  });

  it('neutralises a text cell that would start a formula, and leaves numbers and other text alone', () => {
    expect(['=1+1', '+33 6', '-2', '@SUM(A1)', '\tx', '\rx', 'a=b', 'é'].map(inert)).toEqual(["'=1+1", "'+33 6", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'a=b', 'é']);
    expect(csvOf(columns, [{ name: '=HYPERLINK("http://evil")', n: -3 }])).toBe('\ufeffname,n\r\n"\'=HYPERLINK(""http://evil"")",-3\r\n');
  });
});
