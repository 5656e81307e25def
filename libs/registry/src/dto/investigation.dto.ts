import { IsQueryId, PageQuery, SortablePageQuery, SortParams } from '#core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

/** Sort keys of the investigation table (by unit, in tree order, when none). */
export const INVESTIGATION_SORTS = [
  'unitName',
  'employersIssued',
  'employersInvestigated',
  'employerRate',
  'peopleIssued',
  'peopleInvestigated',
  'peopleRate',
] as const;
export type InvestigationSort = (typeof INVESTIGATION_SORTS)[number];

/** Sort keys of the on-site employers (most uninsured first when none). */
export const ONSITE_SORTS = ['uninsuredCount', 'name', 'unitName', 'onsiteVisited'] as const;
export type OnsiteSort = (typeof ONSITE_SORTS)[number];

type Ctor<T> = abstract new (...args: never[]) => T;

/** A campaign and the unit whose subtree is counted, on a paged query sorted by the list's own keys. */
function CampaignUnitPageOf<K extends string>(keys: readonly K[]): Ctor<PageQuery & SortParams<K> & { campaignId: number; unitId?: number }> {
  abstract class CampaignUnitPage extends SortablePageQuery(keys) {
    @ApiProperty()
    @IsQueryId()
    campaignId: number;

    @ApiPropertyOptional({ description: 'The unit whose children (or subtree) are listed (default: your unit; must be in your scope)' })
    @IsOptional()
    @IsQueryId()
    unitId?: number;
  }
  return CampaignUnitPage;
}

export class InvestigationListQuery extends CampaignUnitPageOf(INVESTIGATION_SORTS) {}

export class OnsiteListQuery extends CampaignUnitPageOf(ONSITE_SORTS) {}
