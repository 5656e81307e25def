import { OrgModule } from '#org';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsService } from './assignments.service';
import {
  AssignmentsController,
  EmployersController,
  InvestigationController,
  PeopleController,
  PoliceChecksController,
  VisitsController,
} from './entries.controller';
import { EmployerEnrolment } from './employer-enrolment';
import { EntriesService } from './entries.service';
import { Assignment } from './entities/assignment.entity';
import { Employer } from './entities/employer.entity';
import { ImportError, ImportJob } from './entities/import-job.entity';
import { Person } from './entities/person.entity';
import { Visit } from './entities/visit.entity';
import { ImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { UploadSweeper } from './import/upload-sweeper';
import { ImportReconciler } from './import/import-reconciler';
import { InvestigationService } from './investigation.service';
import { VisitsService } from './visits.service';

export const REGISTRY_ENTITIES = [Person, Employer, Visit, Assignment, ImportJob, ImportError];

/** People and employers to enrol, their import, assignment, visits and recommendation. */
@Module({
  imports: [TypeOrmModule.forFeature(REGISTRY_ENTITIES), OrgModule],
  controllers: [
    ImportController,
    PeopleController,
    EmployersController,
    AssignmentsController,
    VisitsController,
    PoliceChecksController,
    InvestigationController,
  ],
  providers: [ImportService, UploadSweeper, ImportReconciler, EntriesService, AssignmentsService, VisitsService, InvestigationService, EmployerEnrolment],
  exports: [ImportService, EntriesService, VisitsService, InvestigationService, EmployerEnrolment],
})
export class RegistryModule {}
