import { Queryable, queryRows, Role } from '#core';
import { Injectable } from '@nestjs/common';

/** The one read of app_user (owned by #org, which has no reader for it yet): who gets a notice. */
@Injectable()
export class RecipientsRepository {
  /** Ids of active users at these units holding any of these roles, ascending. */
  async activeWithRoles(db: Queryable, unitIds: number[], roles: Role[]): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT id FROM app_user WHERE active AND org_unit_id = ANY($1::int[]) AND roles && $2::text[] ORDER BY id`,
      [unitIds, roles],
    );
    return rows.map((r) => r.id);
  }
}
