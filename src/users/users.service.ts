import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { hashToken, newToken } from '../auth/tokens.js';
import { newId } from '../database/columns.js';
import { mapPage, paginate, type Page, type PageQuery } from '../common/pagination.js';
import { CreatedUserView, UserView, type CreateUserDto, type UpdateUserDto } from './user.dto.js';
import { User } from './user.entity.js';

const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_SIZE = 10_000;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  private readonly tokenCache = new Map<string, { user: User; until: number }>();

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(dto: CreateUserDto): Promise<CreatedUserView> {
    if (await this.users.existsBy({ email: dto.email })) throw new ConflictException(`email ${dto.email} is already taken`);
    const token = newToken();
    const user = await this.users.save(
      this.users.create({ id: newId(), ...dto, tokenHash: hashToken(token), active: true, handles: [], createdAt: new Date() }),
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
    const saved = await this.users.save(user);
    this.tokenCache.clear();
    return UserView.of(saved);
  }

  async rotateToken(id: string): Promise<CreatedUserView> {
    const user = await this.get(id);
    const token = newToken();
    await this.users.update({ id }, { tokenHash: hashToken(token) });
    this.tokenCache.clear();
    return { user: UserView.of(user), token };
  }

  /**
   * The active user holding this token, if any. Answers are kept for a few
   * seconds so a burst of requests costs one read; a change made through this
   * process (deactivation, new token, new role) takes effect at once, one made
   * through another API process within TOKEN_CACHE_MS.
   */
  async findActiveByToken(token: string): Promise<User | null> {
    const tokenHash = hashToken(token);
    const cached = this.tokenCache.get(tokenHash);
    if (cached && cached.until > Date.now()) return cached.user;
    const user = await this.users.findOneBy({ tokenHash, active: true });
    if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
    if (user) this.tokenCache.set(tokenHash, { user, until: Date.now() + TOKEN_CACHE_MS });
    return user;
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
    await this.users.save(this.users.create({ id: newId(), name: 'Administrator', email, role: 'admin', tokenHash, active: true, handles: [], createdAt: new Date() }));
    this.logger.log(`bootstrap admin ${email} created from CALUMET_ADMIN_TOKEN`);
  }
}
