import { BadRequestException, Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { badRequest, fieldProblem, problemsOf } from '../common/problem.js';
import type { Translator } from '../i18n/i18n.js';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgendaService } from '../agenda/agenda.service.js';
import { MinRole, Public } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam, validateAs } from '../common/validation.js';
import { ReplaceDeadlineRulesDto } from '../deadlines/deadline-rule.dto.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { INCIDENT_STATES, type IncidentState } from '../incidents/escalation.js';
import { ListIncidentsQuery, type IncidentView } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { SearchService } from '../search/search.service.js';
import { SearchQuery } from '../search/search.dto.js';
import { CreateUserDto, UpdateUserDto, type UserView } from '../users/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { DEADLINE_HORIZON_MS } from '../agenda/agenda.service.js';
import { fromForm, type Form } from './forms.js';
import { adminPage, incidentsPage, legalPage, owedCount, RULE_FIELDS, searchPage, todayPage, type IncidentRow, type RuleEdit, type RuleFields } from './pages/desk.pages.js';
import { send } from './sign-in.controller.js';
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
    private readonly search: SearchService,
    private readonly users: UsersService,
    private readonly rules: DeadlineRulesService,
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
  async list(@Page() page: PageContext, @WebActor() actor: Actor, @Query() raw: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const states = asList(raw['state']).filter((state): state is IncidentState => (INCIDENT_STATES as readonly string[]).includes(state));
    const filters = await fromForm(ListIncidentsQuery, { severity: raw['severity'], ownerId: raw['ownerId'], tag: raw['tag'], q: raw['q'], limit: String(LIST_SIZE) }, ['limit']);
    const found = new Map<string, IncidentView>();
    for (const state of states.length ? states : [undefined]) {
      for (const incident of (await this.incidents.list({ ...filters, state })).items) found.set(incident.id, incident);
    }
    const ids = [...found.keys()];
    const [activity, counts, deadlines, people] = await Promise.all([
      this.incidents.lastActivityOf(ids),
      this.incidents.openCountsOf(ids),
      this.notices.list(actor, { status: 'open', dueBefore: new Date(Date.now() + DEADLINE_HORIZON_MS), limit: 100 }),
      this.people(),
    ]);
    const rows: IncidentRow[] = [...found.values()]
      .map((incident) => ({
        incident,
        lastActivity: (activity.get(incident.id) ?? new Date(incident.updatedAt)).toISOString(),
        repliesOwed: counts.get(incident.id)?.['commentsAwaitingResponse'] ?? 0,
        nearestDeadline: deadlines.items.find((notice) => notice.incidentId === incident.id)?.respondBy ?? null,
      }))
      .sort((a, b) => b.lastActivity.localeCompare(a.lastActivity))
      .slice(0, LIST_SIZE);
    send(reply, 200, incidentsPage(page, rows, { states, severity: filters.severity, ownerId: filters.ownerId, tag: filters.tag, q: filters.q }, people).text);
  }

  @Get('legal')
  @MinRole('legal')
  async legal(@Page() page: PageContext, @WebActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    const [dated, all, people] = await Promise.all([
      this.notices.list(actor, { status: 'open', dueBefore: FAR_FUTURE, limit: 100 }),
      this.notices.list(actor, { status: 'open', limit: 100 }),
      this.people(),
    ]);
    const notices = [...dated.items, ...all.items.filter((notice) => !notice.respondBy)];
    const refs = new Map<string, string>();
    for (const id of new Set(notices.map((notice) => notice.incidentId))) refs.set(id, (await this.incidents.get(id)).ref);
    send(reply, 200, legalPage(page, notices.map((notice) => ({ notice, incidentRef: refs.get(notice.incidentId)! })), people).text);
  }

  @Get('search')
  async find(@Page() page: PageContext, @Query('q') q: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const query = q?.trim() ? await fromForm(SearchQuery, { q, limit: '50' }, ['limit']) : null;
    send(reply, 200, searchPage(page, q ?? '', query ? (await this.search.search(query)).items : null).text);
  }

  @Get('admin')
  @MinRole('admin')
  async admin(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const invite = takeInvite(request);
    send(reply, 200, adminPage(page, await this.people(), (await this.rules.list()).rules, invite).text);
  }

  @Post('admin/users')
  @MinRole('admin')
  async addUser(@Req() request: WebRequest, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const { user } = await this.users.create(await fromForm(CreateUserDto, form));
    await this.keepInvite(request, actor, user);
    void reply.redirect('/admin', 303);
  }

  @Post('admin/users/:id/invite')
  @MinRole('admin')
  async invite(@Req() request: WebRequest, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.keepInvite(request, actor, await this.users.get(id));
    void reply.redirect('/admin', 303);
  }

  @Post('admin/users/:id')
  @MinRole('admin')
  async updateUser(@IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const fields = { ...form, ...(form['active'] === 'true' ? { active: true } : form['active'] === 'false' ? { active: false } : {}) };
    await this.users.update(id, await fromForm(UpdateUserDto, fields));
    void reply.redirect('/admin', 303);
  }

  /**
   * One deadline rule saved, added or deleted: the whole set goes through the
   * same rules as PUT /api/deadline-rules; a refused rule comes back with each
   * problem next to its field.
   */
  @Post('admin/rules')
  @MinRole('admin')
  async saveRule(@Page() page: PageContext, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const current = (await this.rules.list()).rules;
    const index = form['index'] === '' || form['index'] === undefined ? current.length : Number(form['index']);
    if (!Number.isInteger(index) || index < 0 || index > current.length) {
      throw badRequest(fieldProblem('index', 'rules.index', `index must be the number of a rule (0 to ${current.length})`));
    }
    const values = Object.fromEntries(RULE_FIELDS.map((field) => [field, typeof form[field] === 'string' ? form[field].trim() : ''])) as RuleFields;
    const kept = index < current.length ? { validity: current[index]!.validity, preferStatedDeadline: current[index]!.preferStatedDeadline } : {};
    const next = form['action'] === 'delete' ? current.filter((_, i) => i !== index) : current.toSpliced(index, 1, { ...kept, ...values, note: values.note || null } as (typeof current)[number]);
    try {
      await this.rules.replace(actor, await validateAs(ReplaceDeadlineRulesDto, { rules: next }));
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      send(reply, 400, adminPage(page, await this.people(), current, undefined, ruleEdit(page.t, index, values, error)).text);
      return;
    }
    void reply.redirect('/admin#rules-heading', 303);
  }

  private async people(): Promise<UserView[]> {
    const people: UserView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.users.list({ limit: 100, cursor });
      people.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return people;
  }

  /** The invite link is shown once, on the next admin page, from the session. */
  private async keepInvite(request: WebRequest, actor: Actor, user: { id: string; name: string }): Promise<void> {
    const invite = await this.users.invite(actor, user.id);
    session.flash(request, JSON.stringify({ name: user.name, url: invite.url, expiresAt: invite.expiresAt }));
  }
}

/** The problems of a refused rule set in the reader's language, each by the field of the rule it names (`rules.2.period`). */
function ruleEdit(t: Translator, index: number, values: RuleFields, error: BadRequestException): RuleEdit {
  const errors: RuleEdit['errors'] = {};
  for (const problem of problemsOf(error) ?? []) {
    const match = /^rules\.(\d+)\.(\w+)$/.exec(problem.field ?? '');
    const field = match && Number(match[1]) === index ? RULE_FIELDS.find((name) => name === match[2]) : undefined;
    (errors[field ?? 'general'] ??= []).push(t.problem(field ? { ...problem, field } : problem));
  }
  return { index, values, errors };
}

function takeInvite(request: WebRequest): { name: string; url: string; expiresAt: string } | undefined {
  const flash = session.takeFlash(request);
  if (!flash?.startsWith('{')) return undefined;
  return JSON.parse(flash) as { name: string; url: string; expiresAt: string };
}
