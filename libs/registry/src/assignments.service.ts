import { AuditService, AuthUser, Clock, DomainError, pathInScope } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssignDto } from './dto/entry.dto';
import { TABLE } from './entries.service';
import { spreadEvenly } from './rules/even-assignment';

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
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async assign(user: AuthUser, dto: AssignDto): Promise<{ assigned: number }> {
    return this.dataSource.transaction(async (m) => {
      const table = TABLE[dto.kind];
      const now = this.clock.now();
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const where: string[] = [];
      let villagePath: string | null = null;
      if (dto.mode === 'single') {
        if (!dto.ids?.length) throw DomainError.validation('ids', 'list at least one entry');
        where.push(`e.id = ANY(${p(dto.ids)}::bigint[])`);
        const outside = await m.query(`SELECT id::text, org_unit_path FROM ${table} WHERE id = ANY($1::bigint[])`, [dto.ids]);
        if (outside.length !== new Set(dto.ids).size)
          throw DomainError.notFound(
            dto.kind,
            dto.ids.find((i) => !outside.some((o: { id: string }) => o.id === i)),
          );
        if (outside.some((o: { org_unit_path: string }) => !pathInScope(user, o.org_unit_path)))
          throw DomainError.outOfScope('some entries are outside your organisation unit');
      } else {
        villagePath = await this.scope.unitPathInScope(user, dto.villageId!, m);
        where.push(`e.org_unit_path LIKE ${p(villagePath)} || '%'`);
        if (dto.filter?.status) where.push(`e.status = ${p(dto.filter.status)}`);
        if (dto.filter?.group && dto.kind === 'person') where.push(`e.source_group = ${p(dto.filter.group)}`);
        if (dto.filter?.unassigned) where.push('e.cadre_id IS NULL');
      }
      // Whatever the mode, the statement itself touches only entries in the caller's subtree (also one that
      // moved out of it since the checks above).
      if (!user.seesAll) where.push(`e.org_unit_path LIKE ${p(user.orgUnitPath)} || '%'`);
      const fk = dto.kind === 'person' ? 'person_id' : 'employer_id';
      let sql: string;
      if (dto.mode === 'even') {
        const cadres = await this.cadresOf(m, dto.villageId!);
        if (!cadres.length) throw DomainError.invalidState(`village ${dto.villageId} has no active cadre`);
        const entries: { id: string; cadre_id: number | null }[] = await m.query(
          `SELECT e.id::text, e.cadre_id FROM ${table} e WHERE ${where.join(' AND ')} ORDER BY e.id FOR UPDATE`,
          params,
        );
        // Each cadre's load outside the entries being spread, so that the spread levels them.
        const loads: { cadre_id: number; n: number }[] = await m.query(
          `SELECT cadre_id, count(*)::int AS n FROM ${table} WHERE cadre_id = ANY($1::int[]) AND NOT (id = ANY($2::bigint[])) GROUP BY cadre_id`,
          [cadres, entries.map((e) => e.id)],
        );
        const load = new Map(loads.map((l) => [l.cadre_id, l.n]));
        const to = spreadEvenly(
          entries.map((e) => ({ id: e.id, cadreId: e.cadre_id })),
          cadres.map((c) => ({ cadreId: c, load: load.get(c) ?? 0 })),
        );
        sql = `WITH sel AS (
                 SELECT e.id, e.cadre_id AS old, s.cadre FROM unnest(${p(entries.map((e) => e.id))}::bigint[], ${p(to)}::int[]) AS s(id, cadre)
                   JOIN ${table} e ON e.id = s.id WHERE ${where.join(' AND ')})`;
      } else {
        const cadre = await m.query(`SELECT id, org_unit_id FROM app_user u WHERE id = $1 AND active AND 'cadre' = ANY(roles) FOR KEY SHARE`, [dto.cadreId]);
        if (!cadre.length) throw DomainError.validation('cadreId', `user ${dto.cadreId} is not an active cadre`);
        const [{ path }] = await m.query(`SELECT path FROM org_unit WHERE id = $1`, [cadre[0].org_unit_id]);
        if (!pathInScope(user, path)) throw DomainError.outOfScope(`cadre ${dto.cadreId} is outside your organisation unit`);
        // A cadre covers their own unit's subtree only.
        where.push(`e.org_unit_path LIKE ${p(path)} || '%'`);
        sql = `WITH sel AS (SELECT e.id, e.cadre_id AS old, ${p(dto.cadreId)}::int AS cadre FROM ${table} e WHERE ${where.join(' AND ')} FOR UPDATE)`;
        if (dto.mode === 'single') {
          const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::bigint[]) AND org_unit_path LIKE $2 || '%'`, [
            dto.ids,
            path,
          ]);
          if (n !== new Set(dto.ids).size) throw DomainError.validation('cadreId', `cadre ${dto.cadreId} does not cover every listed entry's village`);
        }
      }
      const by = p(user.id);
      const at = p(now);
      const mode = p(dto.mode);
      sql += `, upd AS (
                UPDATE ${table} t SET cadre_id = sel.cadre, assigned_at = ${at}, updated_at = ${at} FROM sel
                 WHERE t.id = sel.id AND sel.old IS DISTINCT FROM sel.cadre RETURNING t.id, sel.old, sel.cadre)
              INSERT INTO registry_assignment (${fk}, from_cadre_id, to_cadre_id, mode, assigned_by, assigned_at)
              SELECT id, old, cadre, ${mode}, ${by}, ${at} FROM upd RETURNING 1`;
      const rows = await m.query(sql, params);
      await this.audit.record(m, user, {
        action: 'registry.assign',
        entity: TABLE[dto.kind],
        entityId: dto.mode === 'single' ? dto.ids!.join(',').slice(0, 200) : `village-${dto.villageId}`,
        orgUnitPath: villagePath ?? user.orgUnitPath,
        after: { mode: dto.mode, cadreId: dto.cadreId ?? null, filter: dto.filter ?? null, assigned: rows.length },
      });
      return { assigned: rows.length };
    });
  }

  private async cadresOf(m: EntityManager, villageId: number): Promise<number[]> {
    // FOR KEY SHARE: entries have no foreign key to app_user any more (migration 1764000300002).
    const rows = await m.query(`SELECT id FROM app_user WHERE org_unit_id = $1 AND active AND 'cadre' = ANY(roles) ORDER BY id FOR KEY SHARE`, [villageId]);
    return rows.map((r: { id: number }) => r.id);
  }
}
