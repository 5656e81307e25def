import { AuditService, AuthUser, Clock, DomainError, hasRole, REPEAT_WINDOW_MS, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { VisitDto } from '../dto/entry.dto';
import { VisitOutcome } from '../registry.types';
import { EntryRepository, TABLE } from '../repositories/entry.repository';
import { VisitRepository, VisitRow } from '../repositories/visit.repository';
import { outcomeMisfit } from '../rules/visit-outcomes';
import { EntriesService } from './entries.service';
import { REGISTRY_AUDIT } from './registry-audit';

/**
 * Records visits. The entry's status, last outcome and last visit follow its LATEST visit by
 * visit time (a back-dated visit is kept in history without overriding a newer one); the counters
 * (visits, refusals, door-to-door visits) are kept in the same transaction. The outcome must fit the kind
 * of entry (OUTCOMES_BY_KIND: an employer is deregistered, not deceased). The same visit posted again
 * (a double click: the same visitor, outcome and method on the entry, visited within REPEAT_WINDOW_MS of
 * it) answers the visit already recorded and counts nothing twice; back-dated visits of other days are
 * their own. A visit posted under an Idempotency-Key keeps it (client_key, unique per visitor): the same key
 * again, even after the idempotency store forgot it (a day), answers the visit stored under it and changes nothing.
 */
@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: EntriesService,
    private readonly entryRows: EntryRepository,
    private readonly visits: VisitRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(user: AuthUser, dto: VisitDto, clientKey?: string): Promise<VisitRow> {
    const visitedAt = new Date(dto.visitedAt);
    if (visitedAt.getTime() > this.clock.now().getTime() + 60_000)
      throw DomainError.validation('visitedAt', '走访时间不能晚于现在（a visit cannot be in the future）');
    const misfit = outcomeMisfit(dto.kind, dto.outcome as VisitOutcome);
    if (misfit) throw DomainError.validation('outcome', misfit);
    return this.dataSource.transaction(async (m) => {
      const entry = await this.entries.entryPath(user, dto.kind, dto.entryId, m, true);
      if (!hasRole(user, Role.Cadre, Role.UnitManager, Role.Office)) throw DomainError.forbidden();
      const keyed = clientKey ? await this.visits.byClientKey(m, user.id, clientKey) : undefined;
      if (keyed) return keyed;
      // the entry's row lock (entryPath above) makes concurrent repeats wait here and find the first one
      const repeat = await this.sameVisit(m, user, dto, visitedAt);
      if (repeat) return repeat;
      const visit = await this.visits.insert(m, dto.kind, {
        campaignId: entry.campaignId,
        entryId: dto.entryId,
        orgUnitPath: entry.path,
        visitorId: user.id,
        visitedAt,
        method: dto.method,
        outcome: dto.outcome,
        proofReference: dto.outcome === 'insured_elsewhere' ? dto.proofReference!.trim() : (dto.proofReference ?? null),
        ineligibleReason: dto.outcome === 'not_eligible' ? dto.ineligibleReason!.trim() : (dto.ineligibleReason ?? null),
        note: dto.note ?? null,
        clientKey: clientKey ?? null,
      });
      // the same key posted concurrently for another entry (another row lock) stored its visit first: answer that one
      if (!visit) return (await this.visits.byClientKey(m, user.id, clientKey!))!;
      await this.entryRows.countVisit(m, dto.kind, { entryId: dto.entryId, visitedAt, outcome: dto.outcome, method: dto.method, now: this.clock.now() });
      await this.audit.record(m, user, {
        action: REGISTRY_AUDIT.visit,
        entity: TABLE[dto.kind],
        entityId: dto.entryId,
        orgUnitPath: entry.path,
        after: { visitId: visit.id, method: dto.method, outcome: dto.outcome },
      });
      return visit;
    });
  }

  /** The visit this one repeats: the same visitor, outcome and method on the entry, visited less than REPEAT_WINDOW_MS apart. */
  private async sameVisit(m: EntityManager, user: AuthUser, dto: VisitDto, visitedAt: Date): Promise<VisitRow | undefined> {
    return this.visits.sameVisit(m, dto.kind, {
      entryId: dto.entryId,
      visitorId: user.id,
      outcome: dto.outcome,
      method: dto.method,
      after: new Date(visitedAt.getTime() - REPEAT_WINDOW_MS),
      before: new Date(visitedAt.getTime() + REPEAT_WINDOW_MS),
    });
  }
}
