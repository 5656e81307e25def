import { AuthUser, DomainError, Queryable } from '#core';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../repositories/campaign.repository';
import { CampaignAccess, canSeeCampaign, memberRoles } from '../rules/permissions';

/** The campaign facts a permission check needs, for the caller; 404 unknown, 403 not visible to the caller. */
@Injectable()
export class CampaignAccessService {
  constructor(private readonly campaigns: CampaignRepository) {}

  async load(db: Queryable, user: AuthUser, campaignId: number): Promise<CampaignAccess> {
    const row = await this.campaigns.accessRow(db, campaignId);
    if (!row) throw DomainError.notFound('campaign', campaignId);
    const access: CampaignAccess = {
      id: row.id,
      orgUnitId: row.org_unit_id,
      unitPath: row.path,
      status: row.status,
      ...memberRoles(await this.campaigns.memberships(db, campaignId, user.id)),
    };
    if (!canSeeCampaign(user, access))
      throw DomainError.outOfScope(`扩面任务 ${campaignId} 不在您所在单位的范围内（campaign ${campaignId} is outside your organisation unit）`);
    return access;
  }
}
