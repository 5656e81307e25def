import { Queryable, queryRows } from '#core';
import { Injectable } from '@nestjs/common';

export interface CampaignEscalationRow {
  id: number;
  org_unit_id: number;
  path: string;
  status: string;
  settings: unknown;
  starts_on: string;
  ends_on: string;
}

/**
 * Reads of the campaigns library's `campaign` table. Campaigns has no reader for them in its public index
 * yet (issue 18, table ownership): these are the only places enforcement touches that table.
 */
@Injectable()
export class CampaignReadRepository {
  /** The campaign with its unit's path, its settings and its dates as YYYY-MM-DD; undefined when none. */
  async withUnit(db: Queryable, campaignId: number): Promise<CampaignEscalationRow | undefined> {
    const rows = await queryRows<CampaignEscalationRow>(
      db,
      `SELECT c.id, c.org_unit_id, u.path, c.status, c.settings, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on
       FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE c.id = $1`,
      [campaignId],
    );
    return rows[0];
  }

  /** The ids of the active campaigns, in order. */
  activeIds(db: Queryable): Promise<{ id: number }[]> {
    return queryRows(db, `SELECT id FROM campaign WHERE status = 'active' ORDER BY id`);
  }
}
