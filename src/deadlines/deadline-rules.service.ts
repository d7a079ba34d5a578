import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { badRequest, fieldProblem, type Problem } from '../common/problem.js';
import { actorId, type Actor } from '../common/roles.js';
import { TransactionService } from '../database/transaction.service.js';
import { DeadlineRule } from './deadline-rule.entity.js';
import { DeadlineRuleView, type DeadlineRulesView, type ReplaceDeadlineRulesDto } from './deadline-rule.dto.js';
import { isPrescriptionRule } from './deadline-rule.types.js';
import { periodDays } from './period.js';

@Injectable()
export class DeadlineRulesService {
  private readonly logger = new Logger(DeadlineRulesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
  ) {}

  all(manager: EntityManager = this.dataSource.manager): Promise<DeadlineRule[]> {
    return manager.find(DeadlineRule, { order: { jurisdiction: 'ASC', noticeType: 'ASC' } });
  }

  async list(): Promise<DeadlineRulesView> {
    return { rules: (await this.all()).map(DeadlineRuleView.of) };
  }

  /** Replaces the whole rule set. Notices keep the deadline they were given; new ones and date changes use the new rules. */
  async replace(actor: Actor, dto: ReplaceDeadlineRulesDto): Promise<DeadlineRulesView> {
    const rules = dto.rules.map(
      (rule): DeadlineRule => ({ ...rule, note: rule.note ?? null, validity: rule.validity ?? null, preferStatedDeadline: rule.preferStatedDeadline ?? false }),
    );
    assertConsistent(rules);
    await this.transactions.run(async (tx) => {
      await tx.manager.createQueryBuilder().delete().from(DeadlineRule).execute();
      if (rules.length) await tx.manager.insert(DeadlineRule, rules);
    });
    this.logger.log(`deadline rules replaced by ${actorId(actor)}: ${rules.length} rules`);
    return this.list();
  }
}

function assertConsistent(rules: DeadlineRule[]): void {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const key = `${rule.jurisdiction} ${rule.noticeType}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        fieldProblem(`rules.${i}`, 'rules.repeated', `rules.${i} repeats the rule for ${key} (rules.${first})`, { jurisdiction: rule.jurisdiction, noticeType: rule.noticeType, first: first + 1 }, { noticeType: 'noticeType' }),
      );
    }
    seen.set(key, first ?? i);
    if (rule.dayCount === 'business' && periodDays(rule.period) === null) {
      problems.push(fieldProblem(`rules.${i}.period`, 'rules.businessPeriod', `rules.${i}.period must be a number of days (such as P3D) when dayCount is business`));
    }
    // A prescription counts from the publication, in calendar days; a notice's clock starts at one of its own dates.
    if (isPrescriptionRule(rule.noticeType) !== (rule.clockStarts === 'publishedAt')) {
      problems.push(
        fieldProblem(`rules.${i}.clockStarts`, 'rules.prescriptionClock', `rules.${i}.clockStarts must be publishedAt for a press_prescription rule, and only for one`, { noticeType: rule.noticeType }, { noticeType: 'noticeType' }),
      );
    }
    if (isPrescriptionRule(rule.noticeType) && rule.dayCount !== 'calendar') {
      problems.push(fieldProblem(`rules.${i}.dayCount`, 'rules.prescriptionCalendar', `rules.${i}.dayCount must be calendar for a press_prescription rule`));
    }
  });
  if (problems.length) throw badRequest(...problems);
}
