import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { validateAs } from '../common/validation.js';
import { PublicNoticeDto, PublicNoticeReceipt } from '../public-notices/public-notice.dto.js';
import { PublicNoticesService } from '../public-notices/public-notices.service.js';
import { PublicNoticeGate } from './public-notice-gate.js';

/** A notice sent through the API: the notice, the form's signed token, and the trap field left empty. */
export class PublicNoticeApiDto extends PublicNoticeDto {
  @ApiProperty({ maxLength: 200, description: 'The token of GET /api/public/notices/form, sent no sooner than its notBefore and before its expiresAt' })
  @IsString() @MaxLength(200)
  formToken: string;

  @ApiPropertyOptional({ description: 'Must be left out or empty: a trap for robots that fill every field' })
  @IsOptional() @IsString() @MaxLength(200)
  website?: string;
}

export class PublicNoticeFormView {
  @ApiProperty({ description: 'Send it back as formToken with the notice' }) formToken: string;
  @ApiProperty({ format: 'date-time', description: 'The notice is refused (formToken, too fresh) if sent before' }) notBefore: string;
  @ApiProperty({ format: 'date-time', description: 'The notice is refused (formToken, expired) if sent after' }) expiresAt: string;
}

/**
 * The public notice form as an API (DSA art. 16), for a reporting tool or a
 * site's own form: no account, the same checks and the same service as the
 * page /report.
 */
@ApiTags('public notices')
@Public()
@Controller('api/public/notices')
export class PublicNoticesApiController {
  constructor(
    private readonly gate: PublicNoticeGate,
    private readonly notices: PublicNoticesService,
  ) {}

  @Get('form')
  @ApiOperation({ summary: 'A signed form token, no sign-in needed: a notice must carry it, sent at least PUBLIC_NOTICE_MIN_AGE_SECONDS (3 s) and at most 6 h after' })
  @ApiOkResponse({ type: PublicNoticeFormView })
  async form(): Promise<PublicNoticeFormView> {
    const ticket = await this.gate.issue();
    return { formToken: ticket.token, notBefore: ticket.notBefore.toISOString(), expiresAt: ticket.expiresAt.toISOString() };
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Send a notice of illegal content (DSA art. 16), no sign-in needed: recorded as a dsa_notice received by web_form on the incident of its address (else a new one); the notifier is mailed an acknowledgement with the reference. PUBLIC_NOTICES_PER_HOUR attempts per address and hour (429 past them)',
  })
  @ApiBody({ type: PublicNoticeApiDto })
  @ApiCreatedResponse({ type: PublicNoticeReceipt })
  @ApiTooManyRequestsResponse({ description: 'Too many notices from this address; Retry-After says when to try again' })
  async submit(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() body: Record<string, unknown>): Promise<PublicNoticeReceipt> {
    // Counted and checked before the body is read, so a robot's every attempt counts and none is written.
    const admission = await this.gate.admit(request.ip);
    if (!admission.allowed) {
      void reply.header('Retry-After', Math.ceil(admission.waitMs / 1000));
      this.gate.limited(admission.waitMs);
    }
    await this.gate.check(body, request.ip);
    const { formToken: _token, website: _trap, ...notice } = await validateAs(PublicNoticeApiDto, body);
    return this.notices.submit(notice, 'api');
  }
}
