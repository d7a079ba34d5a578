import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EVENT_SENTENCES } from '../i18n/events.js';
import { ENUM_WORDS } from '../i18n/enums.js';
import { LOCALES, Translator } from '../i18n/i18n.js';
import { definedTimelineEvents } from '../timeline/timeline-events.js';
import type { TimelineEventView } from '../timeline/timeline.dto.js';
import { eventSentence, reasonWords } from './event-sentences.js';

const SRC = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Loads every feature's events file, so the registry holds every type the features define. */
async function registry(): Promise<string[]> {
  for (const file of sources(SRC).filter((path) => /-events\.ts$/.test(path))) await import(file);
  return definedTimelineEvents();
}

/** The types the code appends, read from its `timeline.append(tx, incident, actor, 'type', …)` calls. */
function appendedTypes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(SRC)) {
    const source = readFileSync(file, 'utf8');
    for (const [, type] of source.matchAll(/timeline\.append\(\s*\w+\s*,[^,]+,[^,]+,\s*'([\w.]+)'/g)) found.set(type!, relative(SRC, file));
  }
  return found;
}

/** A payload with every fact a sentence may name, in codes as the events store them. */
const PAYLOAD = {
  ref: 'INC-1', title: 'Le titre', reason: 'because', from: 'heated', to: 'legal_threat', on: true, direction: 'inbound', channel: 'email', added: 1, watching: true,
  kind: 'follow_up', verdict: 'fail', recipientUserId: 'u1', dueAt: '2026-03-02T09:00:00Z', deliveries: { email: 'sent', webhook: 'sent' }, error: 'ECONNREFUSED',
  sourceUrl: 'https://example.org/p', desired: 'noindex', observed: 'index', keptName: 'Ann', mergedName: 'Anne', changes: { 'indexing.desired': { from: 'index', to: 'noindex' } },
  type: 'right_of_reply',
};

/** Each feature's kinds are its own enum. */
const KINDS: Record<string, string> = { reminder: 'follow_up', evidence: 'page_capture', commitment: 'call_back' };
const MOVES: Record<string, { from: string; to: string }> = {
  commitment: { from: 'pending', to: 'failed_verification' },
  notice: { from: 'received', to: 'under_review' },
  'notice.assigned': { from: 'u2', to: 'u1' },
  reminder: { from: '2026-03-02T09:00:00Z', to: '2026-03-03T09:00:00Z' },
};

describe('timeline sentences', () => {
  it('reads every type the code appends from the registry (none appended without being defined)', async () => {
    const defined = new Set(await registry());
    const appended = appendedTypes();
    expect(appended.size).toBeGreaterThan(20);
    expect([...appended].filter(([type]) => !defined.has(type))).toEqual([]);
  });

  it.each(LOCALES)('has a sentence for every defined event type in %s', async (locale) => {
    const types = await registry();
    expect(types.length).toBeGreaterThan(30);
    expect(types.filter((type) => !(type in EVENT_SENTENCES[locale]))).toEqual([]);
  });

  it.each(LOCALES)('says every event in %s with words, never its type or a raw code', async (locale) => {
    const t = new Translator(locale, 'Europe/Paris');
    const dossier = { people: { u1: 'Marie-Aude', u2: 'Paul' }, parties: [], thread: [] };
    const codes = new Set(Object.keys(ENUM_WORDS[locale]).map((key) => key.split('.')[1]!).filter((code) => /_/.test(code)));
    for (const type of await registry()) {
      const event = { id: 'e', seq: 1, at: new Date('2026-03-01T10:00:00Z'), actor: 'u2', type, payload: { ...PAYLOAD, kind: KINDS[type.split('.')[0]!] ?? 'call_back', ...(MOVES[type] ?? MOVES[type.split('.')[0]!]) } } as unknown as TimelineEventView;
      const sentence = eventSentence(t, dossier, event);
      expect({ type, sentence }).toEqual({ type, sentence: expect.not.stringContaining(type) });
      expect({ type, raw: [...codes].filter((code) => sentence.includes(code)) }).toEqual({ type, raw: [] });
      expect({ type, sentence }).toEqual({ type, sentence: expect.not.stringMatching(/[{}]|undefined|\bu[12]\b/) });
      // Without its time (the printed dossier's table has a column for it), the same sentence after its opening dash.
      const time = `${t.date(event.at)} ${t.time(event.at)} — `;
      expect({ type, opens: sentence.startsWith(time) }).toEqual({ type, opens: true });
      expect({ type, untimed: eventSentence(t, dossier, event, { time: false }) }).toEqual({ type, untimed: sentence.slice(time.length) });
    }
  });

  it('says the words of a reminder and a plural in French', () => {
    const t = new Translator('fr', 'Europe/Paris');
    const dossier = { people: { u1: 'Marie-Aude' }, parties: [], thread: [] };
    const at = new Date('2026-03-01T10:00:00Z');
    const sent = { id: 'e', seq: 1, at, actor: 'system', type: 'reminder.sent', payload: { kind: 'follow_up', recipientUserId: 'u1', deliveries: { email: 'sent' } } } as unknown as TimelineEventView;
    expect(eventSentence(t, dossier, sent)).toBe('1 mars 2026 11:00 — Calumet a envoyé un rappel (Relance) à Marie-Aude par e-mail');
    const imported = { id: 'e', seq: 1, at, actor: 'u1', type: 'import.completed', payload: { added: 1 } } as unknown as TimelineEventView;
    expect(eventSentence(t, dossier, imported)).toContain('1 nouveau message');
  });

  it('dates each line when it was recorded, the journal’s order, and says when a move logged late happened', () => {
    const t = new Translator('fr', 'Europe/Paris');
    const dossier = { people: { u1: 'Marie-Aude' }, parties: [], thread: [] };
    const move = (occurredAt?: string) =>
      ({ id: 'e', seq: 2, at: new Date('2026-12-04T19:12:00Z'), actor: 'u1', type: 'state.changed', payload: { from: 'heated', to: 'legal_threat', reason: 'huissier', ...(occurredAt ? { occurredAt } : {}) } }) as unknown as TimelineEventView;
    expect(eventSentence(t, dossier, move('2026-12-02T20:20:00Z'))).toBe('4 déc. 2026 20:12 — Marie-Aude a fait passer l’incident de Tendu à Menace juridique\u202f: huissier (survenu le 2 déc. 2026 21:20 UTC+1)');
    expect(eventSentence(t, dossier, move())).toBe('4 déc. 2026 20:12 — Marie-Aude a fait passer l’incident de Tendu à Menace juridique\u202f: huissier');
    expect(eventSentence(t, dossier, move('2026-12-04T19:11:30Z'))).not.toContain('survenu');
  });

  it('says the reasons Calumet writes itself in the reader’s language, and a person’s as written', () => {
    const fr = new Translator('fr', 'Europe/Paris');
    expect(reasonWords(fr, 'legal notice LN-2026-0001 (right_of_reply) received')).toBe('notification juridique LN-2026-0001 (droit de réponse) reçue');
    expect(reasonWords(fr, 'deadline changed: computed again after a change of receivedAt, registeredMail.acknowledgedAt')).toMatch(/^le délai a changé\u202f: recalculé après une modification de \S/);
    expect(reasonWords(fr, 'incident resolved')).toBe('l’incident est à l’état résolu');
    expect(reasonWords(fr, 'bailiff mentioned')).toBe('bailiff mentioned');
    expect(reasonWords(new Translator('en', 'UTC'), 'legal notice LN-1 (formal_notice) received')).toBe('legal notice LN-1 (formal notice) received');
  });
});
