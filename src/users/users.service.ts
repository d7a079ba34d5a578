import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { hashToken, newToken } from '../auth/tokens.js';
import { newId } from '../database/columns.js';
import { mapPage, paginate, type Page, type PageQuery } from '../common/pagination.js';
import { CreatedUserView, UserView, type CreateUserDto, type UpdateUserDto } from './user.dto.js';
import { User } from './user.entity.js';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(dto: CreateUserDto): Promise<CreatedUserView> {
    if (await this.users.existsBy({ email: dto.email })) throw new ConflictException(`email ${dto.email} is already taken`);
    const token = newToken();
    const user = await this.users.save(
      this.users.create({ id: newId(), ...dto, tokenHash: hashToken(token), active: true, createdAt: new Date() }),
    );
    return { user: UserView.of(user), token };
  }

  async list(query: PageQuery): Promise<Page<UserView>> {
    const page = await paginate(this.users.createQueryBuilder('u'), query, [
      { column: 'u.createdAt', key: 'createdAt', order: 'ASC' },
      { column: 'u.id', key: 'id', order: 'ASC' },
    ]);
    return mapPage(page, UserView.of);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException(`user ${id} not found`);
    return user;
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.get(id);
    Object.assign(user, dto);
    return UserView.of(await this.users.save(user));
  }

  async rotateToken(id: string): Promise<CreatedUserView> {
    const user = await this.get(id);
    const token = newToken();
    await this.users.update({ id }, { tokenHash: hashToken(token) });
    return { user: UserView.of(user), token };
  }

  /** The active user holding this token, if any. */
  findActiveByToken(token: string): Promise<User | null> {
    return this.users.findOneBy({ tokenHash: hashToken(token), active: true });
  }

  /** CALUMET_ADMIN_TOKEN: make sure an active admin holds this token. */
  async ensureBootstrapAdmin(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    const existing = await this.users.createQueryBuilder('u').addSelect('u.tokenHash').where('u.tokenHash = :tokenHash', { tokenHash }).getOne();
    if (existing) {
      if (existing.role !== 'admin' || !existing.active) await this.users.update({ id: existing.id }, { role: 'admin', active: true });
      return;
    }
    let email = 'admin@calumet.local';
    for (let n = 2; await this.users.existsBy({ email }); n++) email = `admin${n}@calumet.local`;
    await this.users.save(this.users.create({ id: newId(), name: 'Administrator', email, role: 'admin', tokenHash, active: true, createdAt: new Date() }));
    this.logger.log(`bootstrap admin ${email} created from CALUMET_ADMIN_TOKEN`);
  }
}
