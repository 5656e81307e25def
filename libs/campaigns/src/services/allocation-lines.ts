import { DomainError, ErrorCode, Queryable, Role } from '#core';
import { OrgReader } from '#org';
import { Injectable } from '@nestjs/common';
import { AllocationLineDto } from '../dto/allocation.dto';
import { AllocationRepository, LineToWrite } from '../repositories/allocation.repository';
import { ParentTaskRow } from '../repositories/task.repository';
import { checkLines } from '../rules/allocation-rules';
import { readCampaignSettings } from '../rules/read-settings';

/** The lines of a split: checked against the rules and the tree, read back and written. */
@Injectable()
export class AllocationLines {
  constructor(
    private readonly allocations: AllocationRepository,
    private readonly org: OrgReader,
  ) {}

  /** Lines checked against every rule: kind, sum (or at least), ratio copied, unique child, deadline, and the subtree. */
  async checked(db: Queryable, parent: ParentTaskRow, input: AllocationLineDto[]): Promise<LineToWrite[]> {
    // a cadre's line holds the allocating unit's own share
    const lines = input.map((l) => (l.holderUserId && l.childUnitId === undefined ? { ...l, childUnitId: parent.holder_unit_id } : l));
    const r = checkLines(
      {
        kind: parent.kind,
        target: parent.target,
        deadline: parent.deadline,
        allowOverAllocation: readCampaignSettings(parent.settings).deadlines.allowOverAllocation,
      },
      lines,
    );
    if (!r.ok) {
      const msg = r.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new DomainError(r.sumMismatch ? ErrorCode.AllocationSumMismatch : ErrorCode.Validation, msg, r.errors);
    }
    const units = await this.org.units(
      db,
      r.lines.map((l) => l.childUnitId),
    );
    const cadres = await this.org.usersWithUnit(
      db,
      r.lines.flatMap((l) => (l.holderUserId ? [l.holderUserId] : [])),
    );
    const errors = r.lines.flatMap((l, i) => {
      if (l.holderUserId) {
        const k = cadres.find((x) => x.id === l.holderUserId);
        if (l.childUnitId !== parent.holder_unit_id)
          return [
            {
              field: `lines[${i}].childUnitId`,
              message: `干部承担的是${parent.holder_name}本级任务的份额，请不要填写下级单位（a cadre holds a share of ${parent.holder_name}'s own task: leave childUnitId out）`,
            },
          ];
        // the cadre belongs to the unit itself: the share is the unit's task, seen and reported in the unit's scope
        if (!k || !k.active || !k.roles.includes(Role.Cadre) || k.path !== parent.holder_path)
          return [
            {
              field: `lines[${i}].holderUserId`,
              message: `用户 ${l.holderUserId} 不是${parent.holder_name}在岗的包村干部（user ${l.holderUserId} is not an active cadre of ${parent.holder_name}）`,
            },
          ];
        return [];
      }
      const u = units.find((x) => x.id === l.childUnitId);
      if (!u) return [{ field: `lines[${i}].childUnitId`, message: `单位 ${l.childUnitId} 不存在（org unit ${l.childUnitId} does not exist）` }];
      if (u.id === parent.holder_unit_id || !u.path.startsWith(parent.holder_path))
        return [
          {
            field: `lines[${i}].childUnitId`,
            message: `单位 ${l.childUnitId} 不是${parent.holder_name}的下级单位（org unit ${l.childUnitId} is not inside ${parent.holder_name}'s subtree）`,
          },
        ];
      return [];
    });
    if (errors.length) throw new DomainError(ErrorCode.Validation, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    return r.lines;
  }

  /** The allocation's stored lines in the shape a request gives them (to check them again). */
  async stored(db: Queryable, id: number): Promise<AllocationLineDto[]> {
    const rows = await this.allocations.storedLines(db, id);
    return rows.map((r) => ({
      childUnitId: r.child_unit_id,
      target: r.target as unknown as number,
      deadline: r.deadline ?? undefined,
      ...(r.holder_user_id ? { holderUserId: r.holder_user_id } : {}),
    }));
  }

  /** Writes checked lines, in order. */
  async write(db: Queryable, allocationId: number, lines: LineToWrite[]): Promise<void> {
    for (const l of lines) await this.allocations.insertLine(db, allocationId, l);
  }
}
