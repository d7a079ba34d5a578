import { Parser } from 'htmlparser2';

/** Why the XML itself cannot be read, for the reader to say in its own words (its error, its codes). */
export type XmlFault =
  /** An element closed by another one's end tag (`<a><b></a>`): `tag` was left open. */
  | { kind: 'notClosed'; tag: string; at: number }
  /** An end tag that does not close the element open (`open`). */
  | { kind: 'mismatched'; tag: string; open: string | undefined; at: number }
  /** The file ends while `tag` is still open. */
  | { kind: 'cutShort'; tag: string };

export interface XmlHandlers {
  /** An element opens under `parent` (undefined at the root), with its attributes as written. */
  open(name: string, attributes: Record<string, string>, parent: string | undefined): void;
  /** An element closes: `text` is its text (CDATA included) when `keepText()` was called as it opened, else null. */
  close(name: string, text: string | null): void;
}

/**
 * An XML file read as it streams, with htmlparser2 in XML mode (names as
 * written, entities decoded, CDATA as text): the stack of open elements is
 * kept so that a tag left open, an end tag closing another element or a file
 * cut short is a fault, and only the text asked for is kept. The first fault,
 * or the first error a handler throws, stops the reading and is thrown by
 * every later `write` and by `end`.
 */
export class XmlStream {
  private readonly parser: Parser;
  /** The open elements, each with where its start tag begins. */
  private readonly stack: { name: string; start: number }[] = [];
  private problem: unknown = null;
  private ending = false;
  /** The depth of the element whose text is kept, and that text. */
  private kept: number | null = null;
  private text = '';

  constructor(
    private readonly handlers: XmlHandlers,
    private readonly fault: (fault: XmlFault) => Error,
  ) {
    this.parser = new Parser(
      {
        onopentag: (name, attributes) => this.guarded(() => this.open(name, attributes)),
        onclosetag: (name, implied) => this.guarded(() => this.close(name, implied)),
        ontext: (text) => {
          if (this.kept !== null) this.text += text;
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
  }

  /** Keeps the text of the element just opened, until it closes. */
  keepText(): void {
    this.kept = this.stack.length;
    this.text = '';
  }

  /** Stops the reading with the reader's own error (the first one stays). */
  fail(error: Error): void {
    this.problem ??= error;
  }

  /** Where the parser is in the text read so far (for messages). */
  get at(): number {
    return this.parser.startIndex;
  }

  write(chunk: string): void {
    if (!this.problem) this.parser.write(chunk);
    if (this.problem) throw this.problem;
  }

  /** The end of the text: an element still open is a fault. */
  end(): void {
    this.ending = true;
    if (!this.problem) this.parser.end();
    if (this.problem) throw this.problem;
    if (this.stack.length) throw this.fault({ kind: 'cutShort', tag: this.stack.at(-1)!.name });
  }

  /** Reads a whole stream, of text or of UTF-8 bytes (a character split between two chunks is joined again), then ends. */
  async read(source: AsyncIterable<string | Uint8Array>): Promise<void> {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of source) this.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    this.write(decoder.decode());
    this.end();
  }

  private guarded(step: () => void): void {
    if (this.problem) return;
    try {
      step();
    } catch (error) {
      this.problem = error;
    }
  }

  private open(name: string, attributes: Record<string, string>): void {
    const parent = this.stack.at(-1)?.name;
    this.stack.push({ name, start: this.parser.startIndex });
    this.handlers.open(name, attributes, parent);
  }

  private close(name: string, implied: boolean): void {
    const depth = this.stack.length;
    const open = this.stack.pop();
    // htmlparser2 says a self-closing tag (`<a/>`) is closed by implication too: it is told by its close being its opening.
    if (implied && !(open?.name === name && open.start === this.parser.startIndex)) {
      this.problem = this.fault(this.ending ? { kind: 'cutShort', tag: name } : { kind: 'notClosed', tag: name, at: this.parser.startIndex });
      return;
    }
    if (open?.name !== name) {
      this.problem = this.fault({ kind: 'mismatched', tag: name, open: open?.name, at: this.parser.startIndex });
      return;
    }
    const text = this.kept === depth ? this.text : null;
    if (text !== null) this.kept = null;
    this.handlers.close(name, text);
  }
}
