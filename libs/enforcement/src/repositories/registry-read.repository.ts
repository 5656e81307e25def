import { Queryable, queryRows } from '#core';
import { Injectable } from '@nestjs/common';

export interface VisitRow {
  employerId: number;
  visitedAt: Date;
  method: string;
  outcome: string;
  note: string | null;
  visitor: string | null;
}

/** Reads of the registry's `registry_visit` table its public index has no reader for yet (issue 18, table ownership). */
@Injectable()
export class RegistryReadRepository {
  /** The employers' visits with the visitor's name, newest first. */
  visitsOf(db: Queryable, employerIds: number[]): Promise<VisitRow[]> {
    return queryRows(
      db,
      `SELECT v.employer_id::int AS "employerId", v.visited_at AS "visitedAt", v.method, v.outcome, v.note, u.display_name AS visitor
         FROM registry_visit v LEFT JOIN app_user u ON u.id = v.visitor_id WHERE v.employer_id = ANY($1::bigint[]) ORDER BY v.visited_at DESC, v.id DESC`,
      [employerIds],
    );
  }
}
