import { queryOne, Queryable, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

type Db = Queryable | EntityManager;

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  path: string;
  depth: number;
}

const COLS = `id, code, name, path, depth`;

/**
 * What progress reads of the org library's org_unit and app_user (org exports no reader yet): the units a
 * dashboard or bulletin names and the managers a demo bulletin is announced to.
 */
@Injectable()
export class UnitLookup {
  /** One unit, or undefined. */
  unit(db: Db, id: number): Promise<UnitInfo | undefined> {
    return queryOne(db, `SELECT ${COLS} FROM org_unit WHERE id = $1`, [id]);
  }

  /** The units by code. */
  units(db: Db, ids: number[]): Promise<UnitInfo[]> {
    return queryRows(db, `SELECT ${COLS} FROM org_unit WHERE id = ANY($1::int[]) ORDER BY code`, [ids]);
  }

  /** Demo: the lowest id of the towns coded NC..., or null. */
  async firstNcTown(db: Db): Promise<number | null> {
    const [{ zero_town }] = await queryRows<{ zero_town: number | null }>(
      db,
      `SELECT min(id) AS zero_town FROM org_unit WHERE level = 'town' AND code LIKE 'NC%'`,
    );
    return zero_town;
  }

  /** Demo: ids of the active unit managers of the unit. */
  async unitManagers(db: Db, unitId: number): Promise<number[]> {
    const users = await queryRows<{ id: number }>(db, `SELECT id FROM app_user WHERE active AND org_unit_id = $1 AND 'unit_manager' = ANY(roles)`, [unitId]);
    return users.map((u) => u.id);
  }
}
