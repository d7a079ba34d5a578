import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { badRequest, refusal } from '../common/problem.js';
import { actorId, type Actor } from '../common/roles.js';
import { newId } from '../database/columns.js';
import { TransactionService, Tx } from '../database/transaction.service.js';
import { SettingsTimelineService } from '../settings/settings-timeline.service.js';
import { Analyzer, BUILT_IN_LEXICONS, builtInAnalyzer } from './analyzer.js';
import './phrase-events.js';
import type { PhraseFacts } from './phrase-events.js';
import { PhraseView, type CreatePhraseDto, type PhrasesView } from './phrase.dto.js';
import { lexiconsWith, phraseProblems } from './phrases.js';
import { SignalPhrase } from './signal-phrase.entity.js';

const factsOf = (phrase: SignalPhrase): PhraseFacts => ({
  phraseId: phrase.id,
  language: phrase.language,
  kind: phrase.kind,
  commitmentKind: phrase.commitmentKind,
  noticeType: phrase.noticeType,
  phrase: phrase.phrase,
});

/**
 * The analyser comments are read with: the built-in lexicons and the
 * phrases admins add, versioned by the settings' timeline. Every process
 * asks the version when it reads (one indexed row) and rebuilds its
 * analyser when another process changed the phrases, so a phrase applies to
 * every message analysed after its change, wherever it is analysed.
 */
@Injectable()
export class SignalsService {
  /** The analyser last built and the settings' version it reads with; until then, the built-in one for version 0. */
  private current?: { version: number; analyzer: Analyzer };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly settings: SettingsTimelineService,
  ) {}

  async analyzer(from: Tx | EntityManager = this.dataSource.manager): Promise<Analyzer> {
    return (await this.reading(from)).analyzer;
  }

  /** The analyser and the settings' version it reads with; inside a unit of work (`tx`), the version is asked once per epoch. */
  async reading(from: Tx | EntityManager = this.dataSource.manager): Promise<{ version: number; analyzer: Analyzer }> {
    const manager = from instanceof Tx ? from.manager : from;
    const version = from instanceof Tx ? await this.settings.versionIn(from) : await this.settings.version(manager);
    this.current ??= { version: 0, analyzer: builtInAnalyzer() };
    if (version !== this.current.version) {
      const phrases = await manager.find(SignalPhrase, { order: { createdAt: 'ASC', id: 'ASC' } });
      this.current = { version, analyzer: new Analyzer(lexiconsWith(BUILT_IN_LEXICONS, phrases)) };
    }
    return this.current;
  }

  async phrases(): Promise<PhrasesView> {
    const [version, phrases] = await Promise.all([this.settings.version(), this.dataSource.manager.find(SignalPhrase, { order: { language: 'ASC', createdAt: 'ASC', id: 'ASC' } })]);
    return { version, items: phrases.map(PhraseView.of) };
  }

  /** Adds a phrase and its event to the settings' timeline, in one transaction. */
  async addPhrase(actor: Actor, dto: CreatePhraseDto): Promise<PhraseView> {
    const phrase: SignalPhrase = {
      id: newId(),
      language: dto.language,
      kind: dto.kind,
      commitmentKind: dto.commitmentKind ?? null,
      noticeType: dto.noticeType ?? null,
      phrase: dto.phrase,
      createdBy: actorId(actor),
      createdAt: new Date(),
    };
    const problems = phraseProblems(phrase, BUILT_IN_LEXICONS);
    if (problems.length) throw badRequest(...problems);
    return this.transactions.run(async (tx) => {
      const same = await tx.manager.findOneBy(SignalPhrase, { language: phrase.language, kind: phrase.kind, phrase: phrase.phrase });
      if (same && same.commitmentKind === phrase.commitmentKind && same.noticeType === phrase.noticeType) {
        throw refusal(HttpStatus.CONFLICT, 'signals.phraseExists', `the ${phrase.language} phrase “${phrase.phrase}” is already a ${phrase.kind} (${same.id})`, { field: 'phrase', values: { id: same.id } });
      }
      await tx.manager.insert(SignalPhrase, phrase);
      await this.settings.append(tx, actor, 'signal_phrase.added', factsOf(phrase));
      return PhraseView.of(phrase);
    });
  }

  /** Removes a phrase; messages already analysed keep their signals until their thread is read again. */
  async removePhrase(actor: Actor, id: string): Promise<PhraseView> {
    return this.transactions.run(async (tx) => {
      const phrase = await tx.manager.findOneBy(SignalPhrase, { id });
      if (!phrase) throw refusal(HttpStatus.NOT_FOUND, 'signals.phraseUnknown', `signal phrase ${id} not found`, { values: { id } });
      await tx.manager.delete(SignalPhrase, { id });
      await this.settings.append(tx, actor, 'signal_phrase.removed', factsOf(phrase));
      return PhraseView.of(phrase);
    });
  }
}
