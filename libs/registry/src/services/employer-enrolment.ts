import { AuditService, AuthUser } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EntryRepository } from '../repositories/entry.repository';
import { REGISTRY_AUDIT } from './registry-audit';

/** What other domains may change about an employer entry; the registry owns its table. */
@Injectable()
export class EmployerEnrolment {
  constructor(
    private readonly entries: EntryRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * An inspection case closed as rectified: the employer is enrolled and the staff enrolled move from
   * uninsured to insured, audited. No more than the uninsured headcount moves: labour inspection and audit
   * can both close a case on one employer, and the same people are not counted twice. Runs in the caller's
   * transaction; answers the employer's campaign and unit, and how many moved (what counts as new enrolees).
   */
  async enrolledByInspection(
    m: EntityManager,
    user: AuthUser,
    employerId: number,
    enrolled: number,
    now: Date,
  ): Promise<{ campaignId: number; orgUnitId: number; enrolled: number }> {
    const before = (await this.entries.lockEmployer(m, employerId))!;
    const moved = Math.min(enrolled, before.uninsured_count);
    await this.entries.enrolEmployer(m, employerId, moved, now);
    await this.audit.record(m, user, {
      action: REGISTRY_AUDIT.enrolledByInspection,
      entity: 'registry_employer',
      entityId: employerId,
      orgUnitPath: before.org_unit_path,
      before: { status: before.status, uninsuredCount: before.uninsured_count },
      after: { status: 'enrolled', uninsuredCount: before.uninsured_count - moved },
    });
    return { campaignId: before.campaign_id, orgUnitId: before.org_unit_id, enrolled: moved };
  }
}
