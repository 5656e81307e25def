import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { RegistryModule } from '#registry';
import { Module } from '@nestjs/common';
import { EnforcementScheduler } from './enforcement.scheduler';
import {
  CutoffRunsController,
  EscalationCandidatesController,
  InspectionCasesController,
  InspectionChecklistController,
  InspectionListsController,
} from './enforcement.controllers';
import { EscalationService } from './escalation.service';
import { InspectionCasesService } from './inspection-cases.service';
import { InspectionListsService } from './inspection-lists.service';

/** Escalation of refusing employers: candidates, cutoffs, key-inspection lists, cases and checklists. */
@Module({
  imports: [OrgModule, NoticesModule, RegistryModule],
  controllers: [EscalationCandidatesController, CutoffRunsController, InspectionListsController, InspectionCasesController, InspectionChecklistController],
  providers: [EscalationService, InspectionListsService, InspectionCasesService, EnforcementScheduler],
  exports: [EscalationService, InspectionListsService, InspectionCasesService, EnforcementScheduler],
})
export class EnforcementModule {}
