import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { newId } from '../database/columns.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { whereTextMatches } from '../database/text-search.js';
import { PartyView, type CreatePartyDto, type ListPartiesQuery, type UpdatePartyDto } from './party.dto.js';
import { Party } from './party.entity.js';

@Injectable()
export class PartiesService {
  constructor(@InjectRepository(Party) private readonly parties: Repository<Party>) {}

  async create(dto: CreatePartyDto): Promise<PartyView> {
    const now = new Date();
    const party = this.parties.create({
      organisation: null,
      email: null,
      url: null,
      postalAddress: null,
      notes: null,
      ...dto,
      id: newId(),
      createdAt: now,
      updatedAt: now,
    });
    return PartyView.of(await this.parties.save(party));
  }

  async list(query: ListPartiesQuery): Promise<Page<PartyView>> {
    const qb = this.parties.createQueryBuilder('p');
    if (query.q) whereTextMatches(qb, 'p.id', 'party', query.q);
    const page = await paginate(qb, query, [
      { column: 'p.name', key: 'name', order: 'ASC' },
      { column: 'p.id', key: 'id', order: 'ASC' },
    ]);
    return mapPage(page, PartyView.of);
  }

  async get(id: string): Promise<PartyView> {
    return PartyView.of(await this.find(id));
  }

  async update(id: string, dto: UpdatePartyDto): Promise<PartyView> {
    const party = await this.find(id);
    Object.assign(party, dto, { updatedAt: new Date() });
    return PartyView.of(await this.parties.save(party));
  }

  private async find(id: string): Promise<Party> {
    const party = await this.parties.findOneBy({ id });
    if (!party) throw new NotFoundException(`party ${id} not found`);
    return party;
  }
}
