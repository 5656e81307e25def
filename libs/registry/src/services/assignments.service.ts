import { assertInScope, AuditService, AuthUser, Clock, DomainError, pathInScope, Role } from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssignDto } from '../dto/entry.dto';
import { AssignmentRepository, CadreRow, Selection } from '../repositories/assignment.repository';
import { TABLE } from '../repositories/entry.repository';
import { spreadEvenly } from '../rules/even-assignment';
import { REGISTRY_AUDIT } from './registry-audit';
import { registryError } from '../registry.errors';

/**
 * Assigns entries to cadres: listed ids, every entry of a village matching a filter, or a village's
 * matching entries spread evenly over its active cadres, levelling their loads (rules/even-assignment.ts).
 * Each change of cadre writes an assignment-history row in the same statement; re-assigning to the
 * same cadre is a no-op.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignments: AssignmentRepository,
    private readonly org: OrgReader,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async assign(user: AuthUser, dto: AssignDto): Promise<{ assigned: number }> {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      // Whatever the mode, the statement itself touches only entries in the caller's subtree (also one that
      // moved out of it since the checks below).
      const sel: Selection = { scope: this.scope.scopeOf(user), under: [] };
      let villagePath: string | null = null;
      if (dto.mode === 'single') {
        if (!dto.ids?.length) throw DomainError.validation('ids', '请至少选择一条名册记录（list at least one entry）');
        sel.ids = dto.ids;
        const outside = await this.assignments.places(m, dto.kind, dto.ids);
        if (outside.length !== new Set(dto.ids).size)
          throw DomainError.notFound(
            dto.kind,
            dto.ids.find((i) => !outside.some((o) => o.id === i)),
          );
        if (outside.some((o) => !pathInScope(user, o.org_unit_path)))
          throw DomainError.outOfScope('部分名册记录不在您所在单位的范围内（some entries are outside your organisation unit）');
      } else {
        villagePath = await this.scope.unitPathInScope(user, dto.villageId!, m);
        sel.under.push(villagePath);
        if (dto.filter?.status) sel.status = dto.filter.status;
        if (dto.filter?.group && dto.kind === 'person') sel.group = dto.filter.group;
        if (dto.filter?.unassigned) sel.unassigned = true;
      }
      const meta = { by: user.id, at: now, mode: dto.mode };
      const assigned = dto.mode === 'even' ? await this.spread(m, dto, sel, meta) : await this.toCadre(m, user, dto, sel, meta);
      await this.audit.record(m, user, {
        action: REGISTRY_AUDIT.assign,
        entity: TABLE[dto.kind],
        entityId: dto.mode === 'single' ? dto.ids!.join(',').slice(0, 200) : `village-${dto.villageId}`,
        orgUnitPath: villagePath ?? user.orgUnitPath,
        after: { mode: dto.mode, cadreId: dto.cadreId ?? null, filter: dto.filter ?? null, assigned },
      });
      return { assigned };
    });
  }

  /** The active cadres at a unit in the caller's scope and below (who may be given its entries), with their loads. */
  async cadres(user: AuthUser, unitId: number, campaignId: number | null): Promise<CadreRow[]> {
    const path = await this.scope.unitPathInScope(user, unitId);
    return this.assignments.cadresUnder(this.dataSource, path, campaignId);
  }

  /** Spreads the selected entries over the village's active cadres, levelling their loads (rules/even-assignment.ts). */
  private async spread(m: EntityManager, dto: AssignDto, sel: Selection, meta: { by: number; at: Date; mode: string }): Promise<number> {
    // FOR KEY SHARE: entries have no foreign key to app_user any more (migration 1764000300002).
    const cadres = (await this.org.activeWithRoles(m, [dto.villageId!], [Role.Cadre], { keep: true })).map((c) => c.id);
    if (!cadres.length)
      throw registryError('NO_ACTIVE_CADRE', `村（社区）${dto.villageId} 没有在岗的包村干部，请先为其设置干部（village ${dto.villageId} has no active cadre）`);
    const entries = await this.assignments.lockSelected(m, dto.kind, sel);
    // Each cadre's load outside the entries being spread, so that the spread levels them.
    const loads = await this.assignments.loadsOutside(
      m,
      dto.kind,
      cadres,
      entries.map((e) => e.id),
    );
    const load = new Map(loads.map((l) => [l.cadre_id, l.n]));
    const to = spreadEvenly(
      entries.map((e) => ({ id: e.id, cadreId: e.cadre_id })),
      cadres.map((c) => ({ cadreId: c, load: load.get(c) ?? 0 })),
    );
    return this.assignments.assignEach(
      m,
      dto.kind,
      sel,
      entries.map((e) => e.id),
      to,
      meta,
    );
  }

  /** Gives the selected entries to one active cadre, who covers their own unit's subtree only. */
  private async toCadre(m: EntityManager, user: AuthUser, dto: AssignDto, sel: Selection, meta: { by: number; at: Date; mode: string }): Promise<number> {
    const cadre = await this.org.keptActiveCadre(m, dto.cadreId);
    if (!cadre) throw DomainError.validation('cadreId', `用户 ${dto.cadreId} 不是在岗的包村干部（user ${dto.cadreId} is not an active cadre）`);
    const path = (await this.org.unit(m, cadre.org_unit_id))!.path;
    assertInScope(user, path, `干部 ${dto.cadreId} 不在您所在单位的范围内（cadre ${dto.cadreId} is outside your organisation unit）`);
    // A cadre covers their own unit's subtree only.
    sel.under.push(path);
    if (dto.mode === 'single') {
      const n = await this.assignments.countUnder(m, dto.kind, dto.ids!, path);
      if (n !== new Set(dto.ids).size)
        throw DomainError.validation(
          'cadreId',
          `干部 ${dto.cadreId} 只负责本单位范围内的村（社区），所选记录中有不在其范围内的（cadre ${dto.cadreId} does not cover every listed entry's village）`,
        );
    }
    return this.assignments.assignAll(m, dto.kind, sel, dto.cadreId!, meta);
  }
}
