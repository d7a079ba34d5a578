import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { randomBytes } from 'node:crypto';
import type { PrincipalDirectory } from '../auth/principal-directory.js';
import { actorId, type Actor } from '../common/roles.js';
import { fieldProblem, notFound, problemException, refusal } from '../common/problem.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService } from '../database/transaction.service.js';
import { mapPage, paginate, type Page, type PageQuery } from '../common/pagination.js';
import { isLocale, Translator } from '../i18n/i18n.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { CreatedUserView, InviteView, UserView, type CreateUserDto, type UpdateMeDto, type UpdateUserDto } from './user.dto.js';
import { composeInviteMail } from './invite-mail.js';
import { User } from './user.entity.js';
import { UserInvite } from './invite.entity.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { assertNewPassword } from './password-policy.js';
import { endSessions } from './web-sessions.service.js';

const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_SIZE = 10_000;
const BOOTSTRAP_EMAIL = 'admin@calumet.local';
export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

const inviteSpent = () => refusal(HttpStatus.GONE, 'invite.spent', 'this invite link was used or has expired; ask an admin for a new one');

@Injectable()
export class UsersService implements PrincipalDirectory {
  private readonly logger = new Logger(UsersService.name);
  private readonly tokenCache = new Map<string, { user: User; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  /** Whether invites go out by mail (SMTP_URL is set). */
  get invitesEmailed(): boolean {
    return this.notifications.emailEnabled;
  }

  /**
   * A new user with a new API token. `tokenShown: false` when the caller
   * throws the token away (the desk's form): the user then holds no token
   * anyone saw, and "My account" says so.
   */
  async create(dto: CreateUserDto, { tokenShown = true } = {}): Promise<CreatedUserView> {
    const token = newToken();
    const user = await this.transactions.run(async (tx) => {
      if (await tx.manager.existsBy(User, { email: dto.email })) throw refusal(HttpStatus.CONFLICT, 'user.emailTaken', `email ${dto.email} is already taken`, { field: 'email', values: { email: dto.email } });
      const now = new Date();
      const row = tx.manager.create(User, {
        id: newId(),
        ...dto,
        locale: dto.locale ?? null,
        tokenHash: hashToken(token),
        tokenIssuedAt: tokenShown ? now : null,
        active: true,
        bootstrap: false,
        handles: [],
        createdAt: now,
      });
      await tx.manager.insert(User, row);
      return row;
    });
    return { user: UserView.of(user), token };
  }

  async list(query: PageQuery): Promise<Page<UserView>> {
    const page = await paginate(this.dataSource.getRepository(User).createQueryBuilder('u'), query, [
      { column: 'u.createdAt', key: 'createdAt', order: 'ASC' },
      { column: 'u.id', key: 'id', order: 'ASC' },
    ]);
    return mapPage(page, UserView.of);
  }

  /** Everyone at the desk, active or not, by name: the desk's lists and pickers. */
  async everyone(): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { name: 'ASC', id: 'ASC' } });
    return users.map(UserView.of);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const user = await manager.findOneBy(User, { id });
    if (!user) throw notFound('user', id);
    return user;
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    const saved = await this.transactions.run(async (tx) => {
      const user = await this.get(id, tx.manager);
      await this.assertAnAdminStays(tx.manager, user, dto);
      Object.assign(user, dto);
      // Nothing given is nothing changed (a form with only empty fields), not an UPDATE without values.
      if (Object.keys(dto).length) await tx.manager.update(User, { id }, dto);
      // A deactivated person is signed out of the web desk everywhere.
      if (dto.active === false) await endSessions(tx.manager, id);
      return user;
    });
    this.tokenCache.clear();
    return UserView.of(saved);
  }

  /**
   * Refuses (409, naming the field) to demote or deactivate the last active
   * admin: nobody could then add people, change roles or rules, and the
   * admin's own API token would stop working until a restart.
   */
  private async assertAnAdminStays(manager: EntityManager, user: User, dto: UpdateUserDto): Promise<void> {
    if (user.role !== 'admin' || !user.active) return;
    const demoted = dto.role !== undefined && dto.role !== 'admin';
    const deactivated = dto.active === false;
    if (!demoted && !deactivated) return;
    // PostgreSQL: the active admins' rows locked first, so two admins leaving at once take turns, and the second sees
    // the first gone (SQLite's transactions already run one at a time).
    if (manager.connection.options.type === 'postgres') await manager.query("SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE");
    if (await manager.existsBy(User, { role: 'admin', active: true, id: Not(user.id) })) return;
    throw refusal(HttpStatus.CONFLICT, 'user.lastAdmin', `${user.name} is the last active admin: make someone else admin first`, { field: demoted ? 'role' : 'active', values: { name: user.name } });
  }

  async rotateToken(id: string): Promise<CreatedUserView> {
    const token = newToken();
    const user = await this.transactions.run(async (tx) => {
      const row = await this.get(id, tx.manager);
      row.tokenIssuedAt = new Date();
      await tx.manager.update(User, { id }, { tokenHash: hashToken(token), tokenIssuedAt: row.tokenIssuedAt });
      return row;
    });
    this.tokenCache.clear();
    return { user: UserView.of(user), token };
  }

  /** A person's own changes: their name, their language. */
  async updateMe(id: string, dto: UpdateMeDto): Promise<UserView> {
    const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    return Object.keys(changes).length ? this.update(id, changes) : UserView.of(await this.get(id));
  }

  /**
   * A one-time link for the user to set their web password, valid
   * INVITE_TTL_MS; a new invite voids the user's earlier unused ones. With
   * SMTP_URL set, it is also mailed to them, in their language (`locale`
   * when the user has none: the admin's desk language); the link is
   * answered either way, so the admin can send it when the mail fails.
   */
  async invite(actor: Actor, id: string, locale?: string): Promise<InviteView> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    const { user, inviteId, admin } = await this.transactions.run(async (tx) => {
      const user = await this.get(id, tx.manager);
      const admin = actor.kind === 'user' ? await tx.manager.findOneBy(User, { id: actor.id }) : null;
      await tx.manager.update(UserInvite, { userId: id, usedAt: IsNull() }, { expiresAt: now });
      const inviteId = newId();
      await tx.manager.insert(UserInvite, { id: inviteId, userId: id, tokenHash: hashToken(token), expiresAt, usedAt: null, createdBy: actorId(actor), createdAt: now });
      return { user, inviteId, admin };
    });
    const url = `${this.config.publicUrl}/invite/${token}`;
    const view: InviteView = { userId: id, url, expiresAt: expiresAt.toISOString(), emailed: false };
    if (!this.notifications.emailEnabled) return view;
    const language = isLocale(user.locale) ? user.locale : isLocale(locale) ? locale : this.config.language;
    const mail = composeInviteMail(new Translator(language, this.config.timeZone), { name: user.name, email: user.email, role: user.role, admin: admin?.name ?? 'Calumet', url, expiresAt });
    try {
      await this.notifications.sendEmail({ userId: user.id, email: user.email }, { ...mail, url, kind: 'invite' }, `invite:${inviteId}`);
      return { ...view, emailed: true };
    } catch (error) {
      this.logger.warn(`invite ${inviteId} not emailed to ${user.email}: ${(error as Error).message}`);
      return { ...view, mailError: (error as Error).message.slice(0, 300) };
    }
  }

  /** The user an invite is for: 404 for an unknown token, 410 for one used or expired. */
  async invitee(token: string, manager: EntityManager = this.dataSource.manager): Promise<{ invite: UserInvite; user: User }> {
    const invite = await manager.findOneBy(UserInvite, { tokenHash: hashToken(token) });
    if (!invite) throw refusal(HttpStatus.NOT_FOUND, 'invite.unknown', 'this invite link is unknown');
    if (invite.usedAt || invite.expiresAt.getTime() <= Date.now()) throw inviteSpent();
    const user = await this.get(invite.userId, manager);
    if (!user.active) throw refusal(HttpStatus.GONE, 'user.deactivated', 'this account is deactivated');
    return { invite, user };
  }

  /**
   * Sets the password an invite was for, once: the link is spent, and every
   * web session the person had ends (whoever held a copy of one is out; the
   * caller starts the new one).
   */
  async acceptInvite(token: string, password: string, confirm: string): Promise<User> {
    const { user: invitee } = await this.invitee(token);
    await assertNewPassword(password, confirm, invitee);
    const passwordHash = await hashPassword(password);
    return this.transactions.run(async (tx) => {
      const { invite, user } = await this.invitee(token, tx.manager);
      const spent = await tx.manager.update(UserInvite, { id: invite.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (!spent.affected) throw inviteSpent();
      await tx.manager.update(User, { id: user.id }, { passwordHash });
      await endSessions(tx.manager, user.id);
      return user;
    });
  }

  /**
   * The person's own new password, given their current one: refused naming
   * `current` when it is not theirs, `password` when the new one is too short
   * or too easy to guess, `confirm` when given and not the same. Every
   * session of theirs ends with the old password (the caller starts this
   * browser's new one), as after an invite.
   */
  async changePassword(id: string, current: string, password: string, confirm: string): Promise<User> {
    const user = await this.withPassword({ id }, current);
    if (!user) throw problemException(HttpStatus.BAD_REQUEST, [fieldProblem('current', 'password.wrongCurrent', 'current is not your current password')]);
    await assertNewPassword(password, confirm, user);
    const passwordHash = await hashPassword(password);
    return this.transactions.run(async (tx) => {
      await tx.manager.update(User, { id }, { passwordHash });
      await endSessions(tx.manager, id);
      return user;
    });
  }

  /** The active user with this email and password, or null, in the same time either way. */
  async signIn(email: string, password: string): Promise<User | null> {
    return this.withPassword({ email: email.trim().toLowerCase() }, password);
  }

  /** The active user found by `where` if `password` is theirs (its hash left out), else null, in the same time either way. */
  private async withPassword(where: { id: string } | { email: string }, password: string): Promise<User | null> {
    const [column, value] = Object.entries(where)[0]!;
    const user = await this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where(`u.${column} = :value AND u.active = :active`, { value, active: true })
      .getOne();
    const valid = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !valid) return null;
    delete (user as Partial<User>).passwordHash;
    return user;
  }

  async findActive(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { id, active: true });
  }

  /** A user's name, or null when no user has this id. */
  async nameOf(manager: EntityManager, id: string): Promise<string | null> {
    return (await manager.findOne(User, { select: { name: true }, where: { id } }))?.name ?? null;
  }

  async setLocale(id: string, locale: string | null): Promise<void> {
    await this.transactions.run((tx) => tx.manager.update(User, { id }, { locale }));
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
    const user = await this.dataSource.manager.findOneBy(User, { tokenHash, active: true });
    if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
    if (user) this.tokenCache.set(tokenHash, { user, until: Date.now() + TOKEN_CACHE_MS });
    return user;
  }

  /**
   * Makes sure someone can sign in as an admin, with one bootstrap admin at
   * most. With `CALUMET_ADMIN_TOKEN`, the bootstrap admin holds that token (a
   * changed token rotates it; it never adds a second admin). Without it, on a
   * start that finds no active admin, the bootstrap admin gets a new token,
   * printed once in the log: the only way in on a first start.
   */
  async ensureBootstrapAdmin(configuredToken: string | undefined, publicUrl: string): Promise<void> {
    const token = configuredToken ?? newToken();
    const tokenHash = hashToken(token);
    const outcome = await this.transactions.run(async (tx) => {
      const holder = await tx.manager.createQueryBuilder(User, 'u').addSelect('u.tokenHash').where('u.tokenHash = :tokenHash', { tokenHash }).getOne();
      if (holder) {
        if (holder.role !== 'admin' || !holder.active) await tx.manager.update(User, { id: holder.id }, { role: 'admin', active: true });
        return { kind: 'unchanged' as const, user: holder };
      }
      if (!configuredToken && (await tx.manager.existsBy(User, { role: 'admin', active: true }))) return { kind: 'unchanged' as const };
      const bootstrap = await tx.manager.findOneBy(User, { bootstrap: true });
      if (bootstrap) {
        await tx.manager.update(User, { id: bootstrap.id }, { tokenHash, tokenIssuedAt: new Date(), role: 'admin', active: true });
        return { kind: 'rotated' as const, user: bootstrap };
      }
      let email = BOOTSTRAP_EMAIL;
      for (let n = 2; await tx.manager.existsBy(User, { email }); n++) email = `admin${n}@calumet.local`;
      const user = tx.manager.create(User, { id: newId(), name: new Translator(this.config.language, this.config.timeZone).t('admin.bootstrapName'), email, role: 'admin', tokenHash, tokenIssuedAt: new Date(), active: true, bootstrap: true, handles: [], createdAt: new Date() });
      await tx.manager.insert(User, user);
      return { kind: 'created' as const, user };
    });
    this.tokenCache.clear();
    if (outcome.kind === 'unchanged') return;
    const { email } = outcome.user;
    if (configuredToken) {
      this.logger.log(`bootstrap admin ${email} ${outcome.kind === 'created' ? 'created with' : 'now holds'} CALUMET_ADMIN_TOKEN`);
      return;
    }
    this.logger.warn(
      `No active admin: ${outcome.kind === 'created' ? 'created' : 'reactivated'} ${email}. Sign in with this API token, shown only now: ${token}  ` +
        `(try: curl -H "Authorization: Bearer ${token}" ${publicUrl}/api/me)`,
    );
  }
}
