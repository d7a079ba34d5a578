import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { badRequest, fieldProblem } from '../common/problem.js';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgendaService } from '../agenda/agenda.service.js';
import { MinRole, Public } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam, validateAs } from '../common/validation.js';
import { ReplaceDeadlineRulesDto } from '../deadlines/deadline-rule.dto.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { ruleNoteWords } from '../deadlines/deadline-words.js';
import { readPeriod } from '../deadlines/period.js';
import { INCIDENT_STATES, type IncidentState } from '../incidents/escalation.js';
import { ListIncidentsQuery } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { PrescriptionsService } from '../prescriptions/prescriptions.service.js';
import { SearchService } from '../search/search.service.js';
import { SearchQuery } from '../search/search.dto.js';
import { CreateUserDto, UpdateUserDto, UserView } from '../users/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { WebSessionsService } from '../users/web-sessions.service.js';
import { answerForm } from './form-answer.js';
import { fromForm, textOf, type Form } from './forms.js';
import type { Html } from '../common/html.js';
import {
  activeForm,
  addUserForm,
  adminPage,
  endSessionsForm,
  incidentsPage,
  inviteForm,
  nameForm,
  legalPage,
  owedCount,
  roleForm,
  RULE_FIELDS,
  ruleForm,
  searchPage,
  todayPage,
  type IncidentRow,
  type InviteShown,
  type RuleFields,
} from './pages/desk.pages.js';
import { isLocale } from '../i18n/i18n.js';
import { send } from './send-page.js';
import { Page, session, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** How many incidents the list shows (the most recently active first). */
const LIST_SIZE = 100;
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : []);

@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class DeskPagesController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly incidents: IncidentsService,
    private readonly notices: LegalNoticesService,
    private readonly prescriptions: PrescriptionsService,
    private readonly search: SearchService,
    private readonly users: UsersService,
    private readonly rules: DeadlineRulesService,
    private readonly sessions: WebSessionsService,
  ) {}

  @Get()
  async today(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, todayPage(page, await this.agenda.of(page.user!.id), session.takeFlash(request)).text);
  }

  @Get('today/count')
  async count(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    // Every page asks for it (and again on each live change): the counts alone, no page of items to label.
    send(reply, 200, owedCount(page, await this.agenda.of(page.user!.id, new Date(), 0)).text);
  }

  @Get('incidents')
  async list(@Page() page: PageContext, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const states = asList(raw['state']).filter((state): state is IncidentState => (INCIDENT_STATES as readonly string[]).includes(state));
    const filters = await fromForm(ListIncidentsQuery, { severity: raw['severity'], ownerId: raw['ownerId'], tag: raw['tag'], q: raw['q'], limit: String(LIST_SIZE) }, ['limit']);
    const listed = await this.incidents.listForDesk({ ...filters, states }, LIST_SIZE);
    const [deadlines, people] = await Promise.all([this.notices.nearestDeadlinesOf(listed.map((row) => row.incident.id)), this.users.everyone()]);
    const rows: IncidentRow[] = listed.map(({ incident, lastActivity, openCounts }) => ({
      incident,
      lastActivity: lastActivity.toISOString(),
      repliesOwed: openCounts['commentsAwaitingResponse'] ?? 0,
      nearestDeadline: deadlines.get(incident.id)?.toISOString() ?? null,
    }));
    send(reply, 200, incidentsPage(page, rows, { states, severity: filters.severity, ownerId: filters.ownerId, tag: filters.tag, q: filters.q }, people).text);
  }

  @Get('legal')
  @MinRole('legal')
  async legal(@Page() page: PageContext, @WebActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    const [dated, all, people, prescriptions] = await Promise.all([
      this.notices.list(actor, { status: 'open', dueBefore: FAR_FUTURE, limit: 100 }),
      this.notices.list(actor, { status: 'open', limit: 100 }),
      this.users.everyone(),
      this.prescriptions.upcoming(100),
    ]);
    const notices = [...dated.items, ...all.items.filter((notice) => !notice.respondBy)];
    const headings = await this.incidents.headingsOf([...new Set([...notices, ...prescriptions].map((item) => item.incidentId))]);
    send(
      reply,
      200,
      legalPage(
        page,
        notices.map((notice) => ({ notice, incident: headings.get(notice.incidentId)! })),
        people,
        prescriptions.map((prescription) => ({ prescription, incident: headings.get(prescription.incidentId)! })),
      ).text,
    );
  }

  @Get('search')
  async find(@Page() page: PageContext, @Query('q') q: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const query = q?.trim() ? await fromForm(SearchQuery, { q, limit: '50' }, ['limit']) : null;
    send(reply, 200, searchPage(page, q ?? '', query ? (await this.search.search(query)).items : null).text);
  }

  @Get('admin')
  @MinRole('admin')
  async admin(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const flash = session.takeFlash(request);
    const invite = flash?.startsWith('{') ? (JSON.parse(flash) as InviteShown) : undefined;
    send(reply, 200, adminPage(page, await this.users.everyone(), (await this.rules.list()).rules, this.users.invitesEmailed, invite, invite ? undefined : flash).text);
  }

  /** Signs a person out of every browser (their API token is unchanged). */
  @Post('admin/users/:id/sessions/end')
  @MinRole('admin')
  async endSessions(@Req() request: WebRequest, @Page() page: PageContext, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const user = UserView.of(await this.users.get(id));
    await answerForm(
      { request, reply, page, form, id: `sessions-${id}` },
      async () => {
        const ended = await this.sessions.endAll(id);
        session.flash(request, request.translator!.t('admin.sessionsEnded', { name: user.name, count: ended }));
        return '/admin';
      },
      this.adminRefusal((p) => endSessionsForm(p, user)),
    );
  }

  @Post('admin/users')
  @MinRole('admin')
  async addUser(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'add-user' },
      async () => {
        const { user } = await this.users.create(await fromForm(CreateUserDto, form), { tokenShown: false });
        await this.keepInvite(request, actor, user, page);
        return '/admin';
      },
      this.adminRefusal(addUserForm),
    );
  }

  @Post('admin/users/:id/invite')
  @MinRole('admin')
  async invite(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const user = await this.users.get(id);
    await answerForm(
      { request, reply, page, form, id: `invite-${id}` },
      async () => {
        await this.keepInvite(request, actor, user, page);
        return '/admin';
      },
      this.adminRefusal((p) => inviteForm(p, UserView.of(user))),
    );
  }

  @Post('admin/users/:id')
  @MinRole('admin')
  async updateUser(@Req() request: WebRequest, @Page() page: PageContext, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const user = UserView.of(await this.users.get(id));
    const active = form['active'] === 'true' ? { active: true } : form['active'] === 'false' ? { active: false } : {};
    // Which of the row's forms this is, from what it sends: its activity, its name, else its role.
    const kind = 'active' in active ? 'active' : form['name'] !== undefined ? 'name' : 'role';
    await answerForm(
      { request, reply, page, form, id: `${kind}-${id}` },
      async () => {
        const { confirmSelf: _confirmSelf, ...fields } = form;
        // A name emptied is a name refused (a form drops its empty fields as not given).
        const dto = kind === 'name' ? await validateAs(UpdateUserDto, { name: textOf(form, 'name') }) : await fromForm(UpdateUserDto, { ...fields, ...active });
        // Leaving the admin role oneself is said before (a box to tick) and after (on Today: this page is closed to them now).
        const leaves = id === page.user!.id && user.role === 'admin' && dto.role !== undefined && dto.role !== 'admin';
        if (leaves && textOf(form, 'confirmSelf') !== 'true') {
          throw badRequest(fieldProblem('confirmSelf', 'user.leaveAdminUnconfirmed', 'confirmSelf: tick it to say you give up the admin pages'));
        }
        await this.users.update(id, dto);
        if (!leaves) {
          const { t } = page;
          const said = {
            active: () => t.t(active.active ? 'admin.reactivated' : 'admin.deactivated', { name: user.name }),
            name: () => t.t('admin.nameSaved', { name: user.name, renamed: dto.name ?? user.name }),
            role: () => t.t('admin.roleSaved', { name: user.name, role: t.word('role', dto.role ?? user.role) }),
          }[kind]();
          session.flash(request, said);
          return '/admin';
        }
        session.flash(request, page.t.t('admin.leftAdmin', { role: page.t.word('role', dto.role!) }));
        return '/';
      },
      this.adminRefusal((p) => ({ active: activeForm, name: nameForm, role: roleForm })[kind](p, user)),
    );
  }

  /**
   * One deadline rule saved, added or deleted: the whole set goes through the
   * same rules as PUT /api/deadline-rules; a refused rule comes back with each
   * problem next to its field.
   */
  @Post('admin/rules')
  @MinRole('admin')
  async saveRule(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const current = (await this.rules.list()).rules;
    const index = form['index'] === '' || form['index'] === undefined ? current.length : Number(form['index']);
    const values = Object.fromEntries(RULE_FIELDS.map((field) => [field, textOf(form, field).trim()])) as RuleFields;
    await answerForm(
      { request, reply, page, form, id: `rule-${index}` },
      async () => {
        if (!Number.isInteger(index) || index < 0 || index > current.length) throw badRequest(fieldProblem('index', 'rules.index', `index must be the number of a rule (0 to ${current.length})`));
        const saved = current[index];
        const kept = saved ? { validity: saved.validity, preferStatedDeadline: saved.preferStatedDeadline } : {};
        // A seeded note shown in the reader's language and left as it was stays the seeded note, for every language.
        const note = saved && values.note === ruleNoteWords(page.t, saved) ? saved.note : values.note || null;
        const next =
          form['action'] === 'delete'
            ? current.filter((_, i) => i !== index)
            : // The period as typed, in words or ISO 8601 (« 3 jours », "P3D"); what cannot be read goes on as typed, and is refused naming it.
              current.toSpliced(index, 1, { ...kept, ...values, period: readPeriod(values.period) ?? values.period, note } as (typeof current)[number]);
        await this.rules.replace(actor, await validateAs(ReplaceDeadlineRulesDto, { rules: next }));
        session.flash(request, page.t.t(form['action'] === 'delete' ? 'admin.ruleDeleted' : 'admin.ruleSaved'));
        return '/admin#rules-heading';
      },
      this.adminRefusal((p) => ruleForm(p, index, values, index === current.length)),
    );
  }

  /** A refused form of the admin page: the form alone for htmx, else the page with it filled in. */
  private adminRefusal(form: (page: PageContext) => Html) {
    return async (page: PageContext, htmx: boolean): Promise<Html> => (htmx ? form(page) : adminPage(page, await this.users.everyone(), (await this.rules.list()).rules, this.users.invitesEmailed));
  }

  /**
   * The invite is mailed when SMTP is set (in the person's language, else
   * the admin's); its link is shown once either way, on the next admin
   * page, from the session.
   */
  private async keepInvite(request: WebRequest, actor: Actor, user: { id: string; name: string; email: string; locale?: string | null }, page: PageContext): Promise<void> {
    const invite = await this.users.invite(actor, user.id, page.t.locale);
    const language = isLocale(user.locale) ? user.locale : page.t.locale;
    const shown: InviteShown = { name: user.name, email: user.email, language, url: invite.url, expiresAt: invite.expiresAt, emailed: invite.emailed, mailError: invite.mailError };
    session.flash(request, JSON.stringify(shown));
  }
}
