import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { CampaignPage } from '../../api/pending';
import type { paths } from '../../api/schema';

export type CampaignListQuery = NonNullable<paths['/api/campaigns']['get']['parameters']['query']>;

/** The caller's campaigns, one page, filtered on the server. */
export function useCampaigns(query: CampaignListQuery) {
  return useQuery({
    queryKey: ['campaigns', query],
    queryFn: () => unwrap<CampaignPage>(api.GET('/api/campaigns', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
