import { HttpStatus, Injectable } from '@nestjs/common';
import { fieldProblem, problemException } from '../common/problem.js';
import type { Actor } from '../common/roles.js';
import { TransactionService } from '../database/transaction.service.js';
import type { IncidentView } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { PartiesService } from '../parties/parties.service.js';
import { PostsService } from '../posts/posts.service.js';
import type { OpenCaseDto } from './open-case.dto.js';

/** Opening a case with what it is about: the incident, a new counterpart, its post, in one unit of work. */
@Injectable()
export class CasesService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly parties: PartiesService,
    private readonly posts: PostsService,
  ) {}

  /**
   * The new party and the post (found by its address, else recorded) come
   * first, then the incident naming them; a refusal of any part rolls the
   * whole back, so nothing is half-written.
   */
  async open(actor: Actor, dto: OpenCaseDto): Promise<IncidentView> {
    const { party, post, ...incident } = dto;
    if (party && incident.counterpartId) {
      throw problemException(HttpStatus.BAD_REQUEST, [fieldProblem('counterpartId', 'case.counterpartTwice', 'counterpartId and party name two counterparts; give one')]);
    }
    return this.transactions.run(async (tx) => {
      const counterpartId = party ? (await this.parties.createIn(tx, party)).id : incident.counterpartId;
      const postId = post ? (await this.posts.findOrCreateIn(tx, post)).id : undefined;
      const postIds = [...new Set([...(incident.postIds ?? []), ...(postId ? [postId] : [])])];
      return this.incidents.createIn(tx, actor, { ...incident, ...(counterpartId ? { counterpartId } : {}), ...(postIds.length ? { postIds } : {}) });
    });
  }
}
