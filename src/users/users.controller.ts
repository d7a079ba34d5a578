import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentUser, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { PageQuery } from '../common/pagination.js';
import { IdParam } from '../common/validation.js';
import { ApiPage } from '../common/openapi.js';
import { CreateUserDto, CreatedUserView, EndedSessionsView, InviteView, SessionView, UpdateMeDto, UpdateUserDto, UserView } from './user.dto.js';
import type { User } from './user.entity.js';
import { UsersService } from './users.service.js';
import { WebSessionsService } from './web-sessions.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: WebSessionsService,
  ) {}

  @Post('users')
  @MinRole('admin')
  @ApiOperation({ summary: 'Create a user; the answer holds its API token, shown this once' })
  @ApiCreatedResponse({ type: CreatedUserView })
  create(@Body() dto: CreateUserDto): Promise<CreatedUserView> {
    return this.users.create(dto);
  }

  @Get('users')
  @ApiOperation({ summary: 'List the team (to pick owners and recipients)' })
  @ApiPage(UserView)
  list(@Query() query: PageQuery) {
    return this.users.list(query);
  }

  @Patch('users/:id')
  @MinRole('admin')
  @ApiOperation({ summary: 'Rename, change the role of, or deactivate a user' })
  @ApiOkResponse({ type: UserView })
  update(@IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, dto);
  }

  @Post('users/:id/token')
  @HttpCode(200)
  @MinRole('admin')
  @ApiOperation({ summary: 'Issue a new API token for a user; the old one stops working' })
  @ApiOkResponse({ type: CreatedUserView })
  rotateToken(@IdParam() id: string): Promise<CreatedUserView> {
    return this.users.rotateToken(id);
  }

  @Post('users/:id/invite')
  @HttpCode(201)
  @MinRole('admin')
  @ApiOperation({ summary: 'Issue a one-time invite link for the user to set a web password (emailed to them in their language when SMTP_URL is set); earlier unused links stop working' })
  @ApiCreatedResponse({ type: InviteView })
  invite(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<InviteView> {
    return this.users.invite(actor, id);
  }

  @Patch('me')
  @MinRole('viewer')
  @ApiOperation({ summary: 'Change your own name or language' })
  @ApiOkResponse({ type: UserView })
  updateMe(@CurrentUser() user: User, @Body() dto: UpdateMeDto): Promise<UserView> {
    return this.users.updateMe(user.id, dto);
  }

  @Post('me/token')
  @HttpCode(200)
  @MinRole('viewer')
  @ApiOperation({ summary: 'Issue yourself a new API token, shown this once; the old one stops working' })
  @ApiOkResponse({ type: CreatedUserView })
  rotateMyToken(@CurrentUser() user: User): Promise<CreatedUserView> {
    return this.users.rotateToken(user.id);
  }

  @Get('users/:id/sessions')
  @MinRole('admin')
  @ApiOperation({ summary: "The user's live web desk sessions, the most recently used first" })
  @ApiOkResponse({ type: [SessionView] })
  async sessionsOf(@IdParam() id: string): Promise<SessionView[]> {
    await this.users.get(id);
    return (await this.sessions.list(id)).map(SessionView.of);
  }

  @Delete('users/:id/sessions')
  @HttpCode(200)
  @MinRole('admin')
  @ApiOperation({ summary: "End every web desk session of the user (signed out everywhere; the API token is unchanged)" })
  @ApiOkResponse({ type: EndedSessionsView })
  async endSessions(@IdParam() id: string): Promise<EndedSessionsView> {
    await this.users.get(id);
    return { ended: await this.sessions.endAll(id) };
  }

  @Delete('users/:id/sessions/:sessionId')
  @HttpCode(204)
  @MinRole('admin')
  @ApiOperation({ summary: 'End one web desk session of the user' })
  @ApiNoContentResponse()
  async endSession(@IdParam() id: string, @IdParam('sessionId') sessionId: string): Promise<void> {
    await this.sessions.end(id, sessionId);
  }

  @Get('me')
  @ApiOperation({ summary: 'The user the token belongs to' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() user: User): UserView {
    return UserView.of(user);
  }
}
