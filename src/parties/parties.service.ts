import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { whereTextMatches } from '../database/text-search.js';
import { PartyView, type CreatePartyDto, type ListPartiesQuery, type UpdatePartyDto } from './party.dto.js';
import { Party } from './party.entity.js';
import { notFound } from '../common/problem.js';

@Injectable()
export class PartiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
  ) {}

  async create(dto: CreatePartyDto): Promise<PartyView> {
    return this.transactions.run((tx) => this.createIn(tx, dto));
  }

  /** Records a party inside the caller's transaction (a case opened with a new counterpart). */
  async createIn(tx: Tx, dto: CreatePartyDto): Promise<PartyView> {
    const now = new Date();
    const party = tx.manager.create(Party, {
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
    await tx.manager.insert(Party, party);
    return PartyView.of(party);
  }

  /** The parties a desk form picks from, by name: the first `limit`. */
  async picker(limit: number): Promise<PartyView[]> {
    return (await this.dataSource.getRepository(Party).find({ order: { name: 'ASC', id: 'ASC' }, take: limit })).map(PartyView.of);
  }

  async list(query: ListPartiesQuery): Promise<Page<PartyView>> {
    const qb = this.dataSource.getRepository(Party).createQueryBuilder('p');
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
    return this.transactions.run(async (tx) => {
      const party = await this.find(id, tx.manager);
      Object.assign(party, dto, { updatedAt: new Date() });
      await tx.manager.update(Party, { id }, { ...dto, updatedAt: party.updatedAt });
      return PartyView.of(party);
    });
  }

  private async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<Party> {
    const party = await manager.findOneBy(Party, { id });
    if (!party) throw notFound('party', id);
    return party;
  }
}
