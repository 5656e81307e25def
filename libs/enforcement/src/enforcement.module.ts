import { CampaignsModule } from '#campaigns';
import { NoticesModule } from '#notices';
import { OrgModule } from '#org';
import { RegistryModule } from '#registry';
import { Module } from '@nestjs/common';
import { CutoffRunsController } from './controllers/cutoff-runs.controller';
import { EscalationCandidatesController } from './controllers/escalation-candidates.controller';
import { InspectionCasesController } from './controllers/inspection-cases.controller';
import { InspectionChecklistController } from './controllers/inspection-checklist.controller';
import { InspectionListsController } from './controllers/inspection-lists.controller';
import { EnforcementJobs } from './jobs/enforcement.jobs';
import { EnforcementSchedule } from './jobs/enforcement.schedule';
import { CutoffRunRepository } from './repositories/cutoff-run.repository';
import { EscalationCandidateRepository } from './repositories/escalation-candidate.repository';
import { InspectionCaseRepository } from './repositories/inspection-case.repository';
import { InspectionListRepository } from './repositories/inspection-list.repository';
import { CampaignEscalations } from './services/campaign-escalation';
import { CaseLookup } from './services/case-lookup';
import { CaseOutcomesService } from './services/case-outcomes.service';
import { EscalationService } from './services/escalation.service';
import { InspectionCasesService } from './services/inspection-cases.service';
import { InspectionChecklistService } from './services/inspection-checklist.service';
import { InspectionListsService } from './services/inspection-lists.service';
import { RectificationsService } from './services/rectifications.service';

const REPOSITORIES = [CutoffRunRepository, EscalationCandidateRepository, InspectionCaseRepository, InspectionListRepository];

/** Escalation of refusing employers: candidates, cutoffs, key-inspection lists, cases and checklists. */
@Module({
  imports: [OrgModule, NoticesModule, RegistryModule, CampaignsModule],
  controllers: [EscalationCandidatesController, CutoffRunsController, InspectionListsController, InspectionCasesController, InspectionChecklistController],
  providers: [
    ...REPOSITORIES,
    CampaignEscalations,
    CaseLookup,
    EscalationService,
    InspectionListsService,
    InspectionCasesService,
    InspectionChecklistService,
    CaseOutcomesService,
    RectificationsService,
    EnforcementJobs,
    EnforcementSchedule,
  ],
  exports: [CampaignEscalations, EscalationService, InspectionListsService, InspectionCasesService, EnforcementSchedule],
})
export class EnforcementModule {}
