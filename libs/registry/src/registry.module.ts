import { CampaignsModule } from '#campaigns';
import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { AssignmentsController } from './controllers/assignments.controller';
import { EmployersController } from './controllers/employers.controller';
import { ImportController } from './controllers/import.controller';
import { RosterImportsController } from './controllers/roster-imports.controller';
import { DepartmentUploadsController } from './controllers/department-uploads.controller';
import { MatchUploadsService } from './services/match-uploads.service';
import { InvestigationController } from './controllers/investigation.controller';
import { PeopleController } from './controllers/people.controller';
import { PoliceChecksController } from './controllers/police-checks.controller';
import { VisitsController } from './controllers/visits.controller';
import { ReferenceController } from './controllers/reference.controller';
import { HardshipController } from './hardship/hardship.controller';
import { HardshipRepository } from './hardship/hardship.repository';
import { HardshipService } from './hardship/hardship.service';
import { ImportLoadHooks } from './import/import-load-hooks';
import { ImportUploads } from './import/upload-storage';
import { LandController } from './land/land.controller';
import { LandRepository } from './land/land.repository';
import { LandService } from './land/land.service';
import { ImportReconciler } from './jobs/import-reconciler';
import { RegistryJobs } from './jobs/registry.jobs';
import { RegistrySchedule } from './jobs/registry.schedule';
import { UploadSweeper } from './jobs/upload-sweeper';
import { AssignmentRepository } from './repositories/assignment.repository';
import { EntryLoadRepository } from './repositories/entry-load.repository';
import { EntryRepository } from './repositories/entry.repository';
import { ImportJobRepository } from './repositories/import-job.repository';
import { MatchRepository } from './repositories/match.repository';
import { InvestigationRepository } from './repositories/investigation.repository';
import { ReferenceRepository } from './repositories/reference.repository';
import { RegistryReader } from './readers/registry-reader';
import { VisitRepository } from './repositories/visit.repository';
import { AssignmentsService } from './services/assignments.service';
import { EmployerEnrolment } from './services/employer-enrolment';
import { EntriesService } from './services/entries.service';
import { ImportService } from './services/import.service';
import { InvestigationService } from './services/investigation.service';
import { VisitsService } from './services/visits.service';

const REPOSITORIES = [
  EntryRepository,
  VisitRepository,
  AssignmentRepository,
  ImportJobRepository,
  EntryLoadRepository,
  InvestigationRepository,
  ReferenceRepository,
  HardshipRepository,
  LandRepository,
  MatchRepository,
];

/** People and employers to enrol, their import, assignment, visits and recommendation. */
@Module({
  imports: [OrgModule, CampaignsModule],
  controllers: [
    ImportController,
    RosterImportsController,
    DepartmentUploadsController,
    PeopleController,
    EmployersController,
    AssignmentsController,
    VisitsController,
    PoliceChecksController,
    InvestigationController,
    ReferenceController,
    HardshipController,
    LandController,
  ],
  providers: [
    ...REPOSITORIES,
    ImportService,
    MatchUploadsService,
    ImportLoadHooks,
    ImportUploads,
    UploadSweeper,
    ImportReconciler,
    RegistryJobs,
    RegistrySchedule,
    EntriesService,
    AssignmentsService,
    VisitsService,
    InvestigationService,
    EmployerEnrolment,
    RegistryReader,
    HardshipService,
    LandService,
  ],
  exports: [ImportService, EntriesService, VisitsService, InvestigationService, EmployerEnrolment, RegistryReader],
})
export class RegistryModule {}
