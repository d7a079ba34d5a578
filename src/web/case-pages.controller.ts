import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import { OpenCaseDto } from '../cases/open-case.dto.js';
import { CasesService } from '../cases/cases.service.js';
import { hasRole, type Actor } from '../common/roles.js';
import { IdParam, validateAs } from '../common/validation.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { ListPartiesQuery, UpdatePartyDto } from '../parties/party.dto.js';
import { PartiesService } from '../parties/parties.service.js';
import { UpdatePostDto } from '../posts/post.dto.js';
import { PostsService } from '../posts/posts.service.js';
import { UsersService } from '../users/users.service.js';
import { answerForm } from './form-answer.js';
import { fromForm, patchOf, tagsOf, textOf, type Form } from './forms.js';
import { newIncidentForm, newIncidentPage, PARTY_FIELDS, partiesPage, partyForm, partyPage, POST_FIELDS, postForm, postPage, type CaseChoices } from './pages/case.pages.js';
import { send } from './send-page.js';
import { Page, session, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { eraseForm } from './pages/party-rights.part.js';
import { PrivacyService } from '../privacy/privacy.service.js';
import { renderPartyExportHtml } from '../privacy/party-export-html.js';
import { badRequest, fieldProblem } from '../common/problem.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** How many parties and posts the "New incident" form offers to pick from. */
const PICKED = 200;

/** The fields of a form under `prefix.` that were filled in, or undefined when none of `given` was. */
function part(form: Form, prefix: string, fields: readonly string[], given: readonly string[]): Record<string, string> | undefined {
  const values = Object.fromEntries(fields.map((field) => [field, textOf(form, `${prefix}.${field}`).trim()]).filter(([, value]) => value !== ''));
  return given.some((field) => field in values) ? values : undefined;
}

/** The "New incident" form as the case to open: tags split at commas, a new party or post only when something of it was typed. */
export function caseOf(form: Form): Record<string, unknown> {
  const text = (name: string) => textOf(form, name).trim();
  const fields = Object.fromEntries(['title', 'summary', 'severity', 'ownerId', 'backupOwnerId', 'counterpartId', 'openedAt'].map((name) => [name, text(name)]).filter(([, value]) => value !== ''));
  const tags = tagsOf(form);
  const party = part(form, 'party', PARTY_FIELDS, ['name', 'organisation', 'email', 'url']);
  const post = part(form, 'post', POST_FIELDS, ['url', 'title']);
  return { ...fields, ...(tags.length ? { tags } : {}), ...(text('postIds') ? { postIds: [text('postIds')] } : {}), ...(party ? { party } : {}), ...(post ? { post } : {}) };
}

/** Opening a case, and the parties and posts it involves, viewed and corrected. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class CasePagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly incidents: IncidentsService,
    private readonly parties: PartiesService,
    private readonly posts: PostsService,
    private readonly users: UsersService,
    private readonly privacy: PrivacyService,
  ) {}

  @Get('incidents/new')
  @MinRole('community_manager')
  async newIncident(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, newIncidentPage(page, await this.choices()).text);
  }

  @Post('incidents/new')
  @MinRole('community_manager')
  async openCase(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'new-incident' },
      async () => `/incidents/${(await this.cases.open(actor, await validateAs(OpenCaseDto, caseOf(form)))).id}`,
      async (p, htmx) => (htmx ? newIncidentForm(p, await this.choices()) : newIncidentPage(p, await this.choices())),
    );
  }

  @Get('parties')
  async partyList(@Page() page: PageContext, @Query('q') q: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const query = await fromForm(ListPartiesQuery, { q, limit: '100' }, ['limit']);
    send(reply, 200, partiesPage(page, q ?? '', query.q ? (await this.parties.list(query)).items : await this.parties.picker(100)).text);
  }

  @Get('parties/:id')
  async party(@Req() request: WebRequest, @Page() page: PageContext, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, (await this.partyPage(page, id, session.takeFlash(request))).text);
  }

  /** Everything held about the party, as a printable page: what an access request is answered with (GDPR art. 15). */
  @Get('parties/:id/export')
  @MinRole('legal')
  async partyExport(@Page() page: PageContext, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, renderPartyExportHtml(await this.privacy.export(id), page.t, { stylesheet: '/assets/party-export.css' }));
  }

  @Post('parties/:id/erase')
  @MinRole('admin')
  async eraseParty(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'erase' },
      async () => {
        if (textOf(form, 'confirm') !== 'true') throw badRequest(fieldProblem('confirm', 'rights.unconfirmed', 'confirm: tick it to say you understand the erasure cannot be undone'));
        const erased = await this.privacy.erase(actor, id);
        session.flash(request, request.translator!.t('rights.done', { messages: erased.messages, incidents: erased.incidentIds.length }));
        return `/parties/${id}#rights-heading`;
      },
      async (p, htmx) => (htmx ? eraseForm(p, await this.parties.get(id)) : this.partyPage(p, id)),
    );
  }

  @Post('parties/:id')
  @MinRole('community_manager')
  async correctParty(@Req() request: WebRequest, @Page() page: PageContext, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'party' },
      async () => {
        await this.parties.update(id, await validateAs(UpdatePartyDto, patchOf(form, ['kind', 'name'], ['organisation', 'email', 'url', 'postalAddress', 'notes'])));
        return `/parties/${id}`;
      },
      async (p, htmx) => (htmx ? partyForm(p, await this.parties.get(id)) : this.partyPage(p, id)),
    );
  }

  @Get('posts/:id')
  async post(@Page() page: PageContext, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, (await this.postPage(page, id)).text);
  }

  @Post('posts/:id')
  @MinRole('community_manager')
  async correctPost(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'post' },
      async () => {
        const desired = textOf(form, 'indexing.desired');
        const fields = { ...patchOf(form, ['platform', 'ownership', 'url'], ['title', 'authorName', 'publishedAt']), ...(desired ? { indexing: { desired } } : {}) };
        await this.posts.update(actor, id, await validateAs(UpdatePostDto, fields));
        return `/posts/${id}`;
      },
      async (p, htmx) => (htmx ? postForm(p, await this.posts.get(id)) : this.postPage(p, id)),
    );
  }

  private async choices(): Promise<CaseChoices> {
    const [people, parties, posts] = await Promise.all([this.users.everyone(), this.parties.picker(PICKED), this.posts.picker(PICKED)]);
    return { people, parties, posts };
  }

  private async partyPage(page: PageContext, id: string, notice?: string) {
    const [party, incidents] = await Promise.all([this.parties.get(id), this.incidents.list({ counterpartId: id, limit: 100 })]);
    return partyPage(page, party, incidents.items, canWrite(page), notice);
  }

  private async postPage(page: PageContext, id: string) {
    const [post, incidents] = await Promise.all([this.posts.get(id), this.incidents.list({ postId: id, limit: 100 })]);
    return postPage(page, post, incidents.items, canWrite(page));
  }
}

const canWrite = (page: PageContext): boolean => !!page.user && hasRole(page.user.role, 'community_manager');
