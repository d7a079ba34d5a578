import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CreateIncidentDto } from '../incidents/incident.dto.js';
import { CreatePartyDto } from '../parties/party.dto.js';
import { CreatePostDto } from '../posts/post.dto.js';

/**
 * A case opened in one go: the incident, and the counterpart and post it is
 * about when they are not recorded yet. Every part is validated before
 * anything is written; all of it is written, or nothing.
 */
export class OpenCaseDto extends CreateIncidentDto {
  @ApiPropertyOptional({ type: CreatePartyDto, description: 'A new party to record as the counterpart (instead of counterpartId)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreatePartyDto)
  party?: CreatePartyDto;

  @ApiPropertyOptional({ type: CreatePostDto, description: 'The post the incident is about, by its address: the one recorded at that url, or a new one' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreatePostDto)
  post?: CreatePostDto;
}
