import { Queryable, queryOne } from '#core';
import { Injectable } from '@nestjs/common';

/**
 * Reads of tables other libraries own (campaign: campaigns; registry_person: registry). They stay here,
 * read-only, until those libraries export readers for them; outreach writes none of them.
 */
@Injectable()
export class UpstreamReadsRepository {
  /** Whether the campaign exists. */
  async campaignExists(db: Queryable, campaignId: number): Promise<boolean> {
    return (await queryOne(db, `SELECT id FROM campaign WHERE id = $1`, [campaignId])) !== undefined;
  }

  /** The registry person's unit path, or undefined when there is no such person. */
  async personUnitPath(db: Queryable, personId: number): Promise<string | undefined> {
    const p = await queryOne<{ id: string; org_unit_path: string }>(db, `SELECT id, org_unit_path FROM registry_person WHERE id = $1`, [personId]);
    return p?.org_unit_path;
  }
}
