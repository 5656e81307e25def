import { queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What reading an uploaded progress table needs of the units (org_unit_v): the names it may mean. */
@Injectable()
export class ReportUploadRepository {
  /**
   * Active units under the path (itself included) that a table's unit cells may name: by name with spaces removed,
   * by that name without its level suffix (和平 for 和平区), or by code. id, code, name.
   */
  unitsNamed(m: EntityManager, path: string, names: string[], codes: string[]): Promise<{ id: number; code: string; name: string }[]> {
    return queryRows(
      m,
      `SELECT id, code, name FROM org_unit_v
        WHERE active AND path LIKE $1 || '%'
          AND (regexp_replace(name, '\\s', '', 'g') = ANY($2::text[])
               OR regexp_replace(regexp_replace(name, '\\s', '', 'g'), '(区|县|市|镇|乡|街道|村|社区)$', '') = ANY($2::text[])
               OR code = ANY($3::text[]))
        ORDER BY path`,
      [path, names, codes],
    );
  }
}
