import { AuditService, AuthUser, Clock, DomainError, hasRole, REPEAT_WINDOW_MS, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { VisitDto } from './dto/entry.dto';
import { EntriesService, TABLE } from './entries.service';
import { VisitOutcome } from './entities/registry-types';
import { outcomeMisfit } from './rules/visit-outcomes';

const VISIT_COLS = `id::text, visited_at AS "visitedAt", method, outcome`;

/**
 * Records visits. The entry's status, last outcome and last visit follow its LATEST visit by
 * visit time (a back-dated visit is kept in history without overriding a newer one); the counters
 * (visits, refusals, door-to-door visits) are kept in the same transaction. The outcome must fit the kind
 * of entry (OUTCOMES_BY_KIND: an employer is deregistered, not deceased). The same visit posted again
 * (a double click: the same visitor, outcome and method on the entry, visited within REPEAT_WINDOW_MS of
 * it) answers the visit already recorded and counts nothing twice; back-dated visits of other days are
 * their own.
 */
@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: EntriesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(user: AuthUser, dto: VisitDto): Promise<unknown> {
    const visitedAt = new Date(dto.visitedAt);
    if (visitedAt.getTime() > this.clock.now().getTime() + 60_000) throw DomainError.validation('visitedAt', 'a visit cannot be in the future');
    const misfit = outcomeMisfit(dto.kind, dto.outcome as VisitOutcome);
    if (misfit) throw DomainError.validation('outcome', misfit);
    return this.dataSource.transaction(async (m) => {
      const entry = await this.entries.entryPath(user, dto.kind, dto.entryId, m, true);
      if (!hasRole(user, Role.Cadre, Role.UnitManager, Role.Office)) throw DomainError.forbidden();
      // the entry's row lock (entryPath above) makes concurrent repeats wait here and find the first one
      const repeat = await this.sameVisit(m, user, dto, visitedAt);
      if (repeat) return repeat;
      const [visit] = await m.query(
        `INSERT INTO registry_visit (campaign_id, ${dto.kind}_id, org_unit_path, visitor_id, visited_at, method, outcome, proof_reference, ineligible_reason, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${VISIT_COLS}`,
        [
          entry.campaignId,
          dto.entryId,
          entry.path,
          user.id,
          visitedAt,
          dto.method,
          dto.outcome,
          dto.outcome === 'insured_elsewhere' ? dto.proofReference!.trim() : (dto.proofReference ?? null),
          dto.outcome === 'not_eligible' ? dto.ineligibleReason!.trim() : (dto.ineligibleReason ?? null),
          dto.note ?? null,
        ],
      );
      const employerCounters =
        dto.kind === 'employer'
          ? `, refusal_count = refusal_count + CASE WHEN $3 = 'refused' THEN 1 ELSE 0 END, onsite_visit_count = onsite_visit_count + CASE WHEN $5 = 'door_to_door' THEN 1 ELSE 0 END`
          : '';
      await m.query(
        `UPDATE ${TABLE[dto.kind]} SET visit_count = visit_count + 1 ${employerCounters},
                status = CASE WHEN last_visit_at IS NULL OR $2 >= last_visit_at THEN $3 ELSE status END,
                last_outcome = CASE WHEN last_visit_at IS NULL OR $2 >= last_visit_at THEN $3 ELSE last_outcome END,
                last_visit_at = greatest(last_visit_at, $2), updated_at = $4
          WHERE id = $1`,
        [dto.entryId, visitedAt, dto.outcome, this.clock.now(), ...(dto.kind === 'employer' ? [dto.method] : [])],
      );
      await this.audit.record(m, user, {
        action: 'registry.visit',
        entity: TABLE[dto.kind],
        entityId: dto.entryId,
        orgUnitPath: entry.path,
        after: { visitId: visit.id, method: dto.method, outcome: dto.outcome },
      });
      return visit;
    });
  }

  /** The visit this one repeats: the same visitor, outcome and method on the entry, visited less than REPEAT_WINDOW_MS apart. */
  private async sameVisit(m: EntityManager, user: AuthUser, dto: VisitDto, visitedAt: Date): Promise<unknown> {
    const [row] = await m.query(
      `SELECT ${VISIT_COLS} FROM registry_visit
        WHERE ${dto.kind}_id = $1 AND visitor_id = $2 AND outcome = $3 AND method = $4 AND visited_at > $5 AND visited_at < $6
        ORDER BY id LIMIT 1`,
      [dto.entryId, user.id, dto.outcome, dto.method, new Date(visitedAt.getTime() - REPEAT_WINDOW_MS), new Date(visitedAt.getTime() + REPEAT_WINDOW_MS)],
    );
    return row;
  }
}
