import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { HTTP_URL, iso, IsoDateTime, Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import { COMMITMENT_KINDS, COMMITMENT_STATUSES, type CommitmentKind, type CommitmentStatus } from './commitment-status.js';
import { VERDICTS, type Verdict } from '../page-checks/judge.js';
import type { Commitment, Observation } from './commitment.entity.js';

export class CreateCommitmentDto {
  @ApiProperty({ enum: COMMITMENT_KINDS }) @IsIn(COMMITMENT_KINDS) kind: CommitmentKind;
  @ApiProperty({ maxLength: 2000, example: 'Put the article in noindex' }) @Trim() @IsString() @MinLength(1) @MaxLength(2000) description: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the incident’s owner' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the incident’s counterpart' }) @IsOptional() @IsUUID() promisedToPartyId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' }) @IsOptional() @IsoDateTime() promisedAt?: Date;
  @ApiPropertyOptional({ format: 'date-time', description: 'Nothing is due, and nobody is reminded, before this' }) @IsOptional() @IsoDateTime() notBefore?: Date;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsoDateTime() dueAt?: Date;
  @ApiPropertyOptional({ maxLength: 2048, description: 'The page to check; for noindex and removals, defaults to the incident’s post when it has one' })
  @IsOptional() @IsUrl(HTTP_URL, { message: 'targetUrl must be an http:// or https:// URL' }) @MaxLength(2048) targetUrl?: string;
  @ApiPropertyOptional({
    maxLength: 20000,
    description:
      'remove_mention: the text that must no longer appear on the page (500 characters at most); publish_reply: the reply that must appear on it in full. Compared folded: case, accents and runs of white space aside',
  })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(20000) mentionText?: string;
}

/** The due time of a pending commitment, set or changed: its reminder goes then. */
export class DueDto {
  @ApiProperty({ format: 'date-time', description: 'When it is due (a time without zone is read in CALUMET_TZ); not before promisedAt nor notBefore' }) @IsoDateTime() dueAt: Date;
}

/** A move that needs its reason (cancel, reopen). */
export class ReasonDto {
  @ApiProperty({ maxLength: 1000 }) @Trim() @IsString() @MinLength(1, { message: 'reason must not be empty' }) @MaxLength(1000) reason: string;
}

export class ListCommitmentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMMITMENT_STATUSES }) @IsOptional() @IsIn(COMMITMENT_STATUSES) status?: CommitmentStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() incidentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
}

export class ObservationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) commitmentId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() url: string;
  @ApiProperty({ nullable: true }) finalUrl: string | null;
  @ApiProperty({ nullable: true }) httpStatus: number | null;
  @ApiProperty({ nullable: true, description: 'Robots directives found, by source (metaRobots, metaGooglebot, header)' })
  directives: Observation['directives'];
  @ApiProperty({ enum: VERDICTS }) verdict: Verdict;
  @ApiProperty({ nullable: true }) detail: string | null;
  @ApiProperty({
    nullable: true,
    description:
      'Why the page could not be fetched: `code` (bad_url, scheme, address, too_many_redirects, timeout, too_large, network) and the values its message names. ' +
      'With `place` (Mastodon, Discourse, Reddit, YouTube), a removal checked with the place itself instead of its page: `code` shown or gone (values.id: the message there), or the problem code of why the place could not answer. ' +
      'Null when the page answered, and for checks made before Calumet kept it',
    example: { code: 'address', values: { url: '127.0.0.1', range: 'loopback' } },
  })
  reason: Observation['reason'];

  static of(observation: Observation): ObservationView {
    return { ...observation, at: observation.at.toISOString() };
  }
}

export class CommitmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: COMMITMENT_KINDS }) kind: CommitmentKind;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) promisedToPartyId: string | null;
  @ApiProperty({ format: 'date-time' }) promisedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true }) notBefore: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ nullable: true }) targetUrl: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) postId: string | null;
  @ApiProperty({ nullable: true }) mentionText: string | null;
  @ApiProperty({ enum: COMMITMENT_STATUSES }) status: CommitmentStatus;
  @ApiProperty({ description: 'Whether Calumet checks this kind on the live page' }) verifiable: boolean;
  @ApiProperty({ format: 'date-time', nullable: true }) doneAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) verifiedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When its page was last checked (its last observation)' }) lastCheckedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When the page is checked next: while done but not verified, then while watched after verification' }) nextCheckAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'A verified commitment is checked again every RECHECK_INTERVAL until then' }) watchUntil: string | null;
  @ApiProperty({ nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: [ObservationView], description: 'Checks on the live page, oldest first' }) observations: ObservationView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(commitment: Commitment, observations: Observation[], verifiable: boolean): CommitmentView {
    const { createdBy: _, ...fields } = commitment;
    return {
      ...fields,
      verifiable,
      promisedAt: iso(commitment.promisedAt)!,
      notBefore: iso(commitment.notBefore),
      dueAt: iso(commitment.dueAt),
      doneAt: iso(commitment.doneAt),
      verifiedAt: iso(commitment.verifiedAt),
      lastCheckedAt: observations.length ? iso(observations[observations.length - 1]!.at) : null,
      nextCheckAt: iso(commitment.nextCheckAt),
      watchUntil: iso(commitment.watchUntil),
      observations: observations.map(ObservationView.of),
      createdAt: iso(commitment.createdAt)!,
      updatedAt: iso(commitment.updatedAt)!,
    };
  }
}

/** The observation a check made (verify -> observation), with the commitment as it now stands. */
export class CheckView extends ObservationView {
  @ApiProperty({ type: CommitmentView }) commitment: CommitmentView;
}
