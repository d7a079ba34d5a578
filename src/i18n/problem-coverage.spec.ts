import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { en } from './en.js';
import { fr } from './fr.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The calls that name a problem's code: the first quoted code-like argument after them. */
const CODE_CALL = /\b(?:problem|fieldProblem|refusal|WordPressError|WxrError|SourceError)\(/g;
const CODE = /^[a-z][A-Za-z]*(?:\.[A-Za-z_]+)+$/;

/** Every problem code written in src/, found by reading the calls that make problems. */
function codesInSource(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sources()) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(CODE_CALL)) {
      const rest = text.slice(call.index + call[0].length, call.index + call[0].length + 400);
      const literal = [...rest.matchAll(/'([^'\n]+)'/g)].map((match) => match[1]!).find((value) => CODE.test(value));
      if (literal) codes.set(literal, file.slice(SRC.length + 1));
    }
  }
  return codes;
}

const missingIn = (catalogue: Record<string, string>, keys: string[]) => keys.filter((key) => !(key in catalogue));

describe('problem codes', () => {
  it('finds the codes of src/ by reading it (the scan itself works)', () => {
    const codes = codesInSource();
    expect(codes.get('incident.closeBlocked')).toBe('incidents/escalation.ts');
    expect(codes.get('notFound')).toBeUndefined();
    expect(codes.size).toBeGreaterThan(60);
  });

  it('has a sentence in English and in French for every code a problem is made with in src/', () => {
    const keys = [...codesInSource().keys()].map((code) => `problem.${code}`);
    expect(missingIn(en, keys)).toEqual([]);
    expect(missingIn(fr, keys)).toEqual([]);
  });

  it('has a sentence for every reason a page could not be fetched', async () => {
    const { FETCH_ERROR_CODES } = await import(pathToFileURL(join(SRC, 'fetcher', 'fetch-error.ts')).href);
    const keys = (FETCH_ERROR_CODES as string[]).map((code) => `problem.fetch.${code}`);
    expect(missingIn(en, keys)).toEqual([]);
    expect(missingIn(fr, keys)).toEqual([]);
  });
});

describe('validation problems', () => {
  let metadatas: Array<{ target: string; property: string; name: string }>;
  beforeAll(async () => {
    // Every DTO of the API, found on disk (so a new one is covered without being listed here): the classes its files
    // export, and those they extend. The storage is global: a class another test file of the same Jest file (a group)
    // made for itself is not the API's.
    const dtos = new Set<unknown>();
    for (const file of sources().filter((path) => path.endsWith('.dto.ts') && !path.endsWith('env.dto.ts'))) {
      // Each class with those it extends (a page's query, say, declared elsewhere).
      for (let exported of Object.values(await import(pathToFileURL(file).href))) {
        for (; typeof exported === 'function' && exported !== Function.prototype; exported = Object.getPrototypeOf(exported)) dtos.add(exported);
      }
    }
    const storage = getMetadataStorage();
    metadatas = [...(storage as unknown as { validationMetadatas: Map<abstract new (...args: never[]) => unknown, Array<{ propertyName: string; name?: string; type: string; constraintCls?: abstract new (...args: never[]) => unknown }>> }).validationMetadatas]
      .filter(([target]) => dtos.has(target))
      .flatMap(([target, items]) =>
        items.map((item) => ({
          target: target.name,
          property: item.propertyName,
          name: item.type === 'customValidation' ? (storage.getTargetValidatorConstraints(item.constraintCls!)[0]?.name ?? '') : (item.name ?? item.type),
        })),
      );
  });

  it('finds the DTOs', () => {
    expect(metadatas.some((item) => item.target === 'CreateIncidentDto' && item.property === 'title' && item.name === 'maxLength')).toBe(true);
  });

  it('has a sentence in both languages for every constraint a DTO uses, and for the pipe’s own', () => {
    const skipped = new Set(['isOptional', 'conditionalValidation', 'customValidation', 'nestedValidation', 'whitelistValidation']);
    const names = new Set([...metadatas.map((item) => item.name).filter((name) => !skipped.has(name)), 'whitelistValidation', 'unknownValue', 'nestedValidation']);
    const keys = [...names].map((name) => `problem.validation.${name}`);
    expect(missingIn(en, keys)).toEqual([]);
    expect(missingIn(fr, keys)).toEqual([]);
  });

  it('names every field of every DTO as a word in both languages', () => {
    const keys = [...new Set(metadatas.map((item) => `field.${item.property}`))];
    expect(missingIn(en, keys)).toEqual([]);
    expect(missingIn(fr, keys)).toEqual([]);
  });
});
