import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';

/**
 * The registry's lock on campaigns' `campaign` row during a load. FOR KEY SHARE stands in for the foreign key
 * entries no longer carry (migration 1764000300002): the campaign stays until the load commits. Read through the
 * view campaigns declares (campaigns_campaign_v) until its CampaignReader offers the lock.
 */
@Injectable()
export class ReferenceRepository {
  /** Locks a campaign FOR KEY SHARE on the load's connection; false if it no longer exists. */
  async keepCampaign(client: PoolClient, campaignId: number): Promise<boolean> {
    const campaign = await client.query(`SELECT 1 FROM campaigns_campaign_v WHERE id = $1 FOR KEY SHARE`, [campaignId]);
    return !!campaign.rowCount;
  }
}
