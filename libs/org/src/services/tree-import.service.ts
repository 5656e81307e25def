import { AuditService, AuthUser, DomainError, ErrorCode, pathInScope } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrgLevel } from '../org.types';
import { readTreeFile } from '../import/tree-file';
import { OrgUnitRepository } from '../repositories/org-unit.repository';
import { validateTree } from '../rules/tree-import';
import { ORG_UNIT_ENTITY, PlaceholderRootService } from './placeholder-root.service';

/** Tree files (CSV or XLSX) imported as new units. */
@Injectable()
export class TreeImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly units: OrgUnitRepository,
    private readonly root: PlaceholderRootService,
  ) {}

  /**
   * Imports a tree file in one transaction: every row is checked first; any bad row means nothing
   * is written and every bad row is reported with its row number. It only adds units (a code already
   * stored is refused): no existing unit changes parent, so no split changes and the rule of move has
   * nothing to check.
   */
  async importTree(user: AuthUser, buffer: Buffer, filename: string): Promise<{ created: number }> {
    const rows = await readTreeFile(buffer, filename);
    return this.dataSource.transaction(async (m) => {
      const known = await this.units.byCodes(
        m,
        rows.map((r) => r.code),
        rows.map((r) => r.parentCode),
      );
      const stored = new Map(known.map((k) => [k.code, k]));
      const { errors, ordered } = validateTree(rows, new Set(stored.keys()));
      const tops = ordered.filter((r) => !r.parentCode).sort((a, b) => a.row - b.row);
      for (const r of tops.slice(1))
        errors.push({ row: r.row, field: 'parent_code', message: `一个系统只能有一个顶级单位，第 ${tops[0].row} 行已是顶级单位：请填写上级编码` });
      for (const r of ordered) {
        const parent = stored.get(r.parentCode);
        if (parent && !pathInScope(user, parent.path))
          errors.push({
            row: r.row,
            field: 'parent_code',
            message: `上级单位 ${r.parentCode} 不在您所在单位的范围内（parent ${r.parentCode} is outside your organisation unit）`,
          });
        if (!r.parentCode && !user.seesAll)
          errors.push({
            row: r.row,
            field: 'parent_code',
            message: '只有系统管理员可以导入顶级单位，请填写上级编码（only an administrator may import a top unit）',
          });
      }
      // a file with a top unit is refused (409) when the installation already has its tree
      const placeholder = tops.length && user.seesAll ? await this.root.slot(m) : null;
      if (errors.length) {
        errors.sort((a, b) => a.row - b.row);
        throw new DomainError(
          ErrorCode.ImportRejected,
          `${errors.length} 行有误，本次未导入任何单位，请改正后重新上传（${errors.length} row(s) are wrong; nothing was imported）`,
          errors,
        );
      }
      const ids = await this.units.nextIds(m, ordered.length);
      const placed = new Map<string, { id: number; path: string; depth: number }>(stored);
      const values = ordered.map((r, i) => {
        const id = placeholder && !r.parentCode ? placeholder.id : ids[i];
        const parent = r.parentCode ? placed.get(r.parentCode)! : undefined;
        const node = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
        placed.set(r.code, node);
        return { ...node, code: r.code, name: r.name, level: r.level as OrgLevel, parentId: parent?.id ?? null, active: true, duty: null };
      });
      const top = placeholder ? values.find((v) => v.id === placeholder.id) : undefined;
      if (placeholder && top) await this.root.takeOver(m, user, placeholder, top);
      await this.units.insertMany(
        m,
        values.filter((v) => v !== top),
      );
      await this.audit.record(m, user, {
        action: 'import',
        entity: ORG_UNIT_ENTITY,
        entityId: 'tree',
        orgUnitPath: user.orgUnitPath,
        after: { file: filename, created: values.length },
      });
      return { created: values.length };
    });
  }
}
