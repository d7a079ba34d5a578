import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Analyzer, BUILT_IN_LEXICONS } from './analyzer.js';

/** The analyser comments are read with. */
@Injectable()
export class SignalsService {
  private readonly current = new Analyzer(BUILT_IN_LEXICONS);

  async analyzer(_manager?: EntityManager): Promise<Analyzer> {
    return this.current;
  }
}
