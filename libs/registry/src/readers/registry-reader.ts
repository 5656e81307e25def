import { queryOne, Queryable, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

type Db = Queryable | EntityManager;

export interface EmployerVisitRecord {
  employerId: number;
  visitedAt: Date;
  method: string;
  outcome: string;
  note: string | null;
  visitor: string | null;
}

/**
 * What other libraries read of the registry's tables a few rows at a time: every method takes the caller's
 * EntityManager (or DataSource). Set-based joins read the views registry_person_v, registry_employer_v and
 * registry_visit_v instead (libs/platform/src/table-owners.ts).
 */
@Injectable()
export class RegistryReader {
  /** The employers' visits with the visitor's name, newest first. */
  employerVisits(db: Db, employerIds: number[]): Promise<EmployerVisitRecord[]> {
    return queryRows(
      db,
      `SELECT v.employer_id::int AS "employerId", v.visited_at AS "visitedAt", v.method, v.outcome, v.note, u.display_name AS visitor
         FROM registry_visit v LEFT JOIN org_user_v u ON u.id = v.visitor_id WHERE v.employer_id = ANY($1::bigint[]) ORDER BY v.visited_at DESC, v.id DESC`,
      [employerIds],
    );
  }

  /** A registry person's unit path, or undefined when there is no such person. */
  async personUnitPath(db: Db, personId: number): Promise<string | undefined> {
    const p = await queryOne<{ id: string; org_unit_path: string }>(db, `SELECT id, org_unit_path FROM registry_person WHERE id = $1`, [personId]);
    return p?.org_unit_path;
  }
}
