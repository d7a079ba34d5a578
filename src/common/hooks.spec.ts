import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { inPriorityOrder } from './hooks.js';

const SRC = join(import.meta.dirname, '..');

function sources(dir = SRC): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return [{ file: relative(SRC, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }];
  });
}

/** Each way of hooking in other than a decorator found at boot, with the only files allowed to use it. */
const OTHER_WAYS: Array<{ what: string; pattern: RegExp; allowed: string[] }> = [
  { what: 'a registry with a register() method', pattern: /^\s*(?:public\s+|async\s+)?register\s*\(/m, allowed: [] },
  // Fastify's plugins (`http.register(helmet)`) are not ours.
  { what: 'a call of register() on anything but a Fastify instance', pattern: /(?<!\bhttp|\bscope)\.register\s*\(/, allowed: [] },
  { what: 'a listener added to the timeline by hand', pattern: /\b(?:timeline|TimelineService\))\s*\.on\s*\(/, allowed: ['timeline/timeline-listeners.ts'] },
  { what: 'a discoverable decorator made outside common/hooks.ts', pattern: /DiscoveryService\.createDecorator/, allowed: ['common/hooks.ts'] },
];

describe('one way to hook in', () => {
  const files = sources();

  it.each(OTHER_WAYS)('finds no $what in src/', ({ pattern, allowed }) => {
    const offenders = files
      .filter(({ file, text }) => !allowed.includes(file) && pattern.test(text))
      .map(({ file, text }) => `${file}:${text.split('\n').findIndex((line) => pattern.test(line)) + 1}`);
    expect(offenders).toEqual([]);
  });

  it('scans the files that hold today’s extension points (the scan reads the real tree)', () => {
    expect(files.map(({ file }) => file)).toEqual(expect.arrayContaining(['timeline/timeline-listeners.ts', 'web/live-bus.ts', 'incidents/open-items.registry.ts', 'queue/due-jobs.ts']));
  });

  it.each([
    ['a registry method', 'class Registry {\n  register(counter: Counter): void {}\n}', 0],
    ['a call on a registry', 'this.openItems.register({ key })', 1],
    ['a listener added by hand', 'this.timeline.on(type, listener)', 2],
  ])('would name %s', (_what, text, way) => {
    expect(OTHER_WAYS[way]!.pattern.test(text)).toBe(true);
  });

  it('lets Fastify plugins be registered', () => {
    expect(OTHER_WAYS[1]!.pattern.test('await http.register(cookie);')).toBe(false);
  });
});

describe(inPriorityOrder.name, () => {
  it('orders by priority, whatever the names', () => {
    expect(inPriorityOrder('hooks', [{ where: 'A.a', priority: 2 }, { where: 'Z.z', priority: 1 }]).map((hook) => hook.where)).toEqual(['Z.z', 'A.a']);
  });

  it('refuses two hooks of one group with one priority, naming the point and both', () => {
    expect(() => inPriorityOrder('due-job sources', [{ where: 'A.due', priority: 10 }, { where: 'B.due', priority: 10 }])).toThrow(
      /due-job sources: give each a priority of its own[\s\S]*A\.due and B\.due both have priority 10/,
    );
  });
});
