import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Commitment, Observation } from './commitment.entity.js';
import { CommitmentChecker } from './commitment-checker.service.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Commitment, Observation])],
  controllers: [CommitmentsController],
  providers: [CommitmentsService, CommitmentChecker],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
