import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useCampaigns } from '../campaigns/campaigns-hooks';

/** The campaign a progress screen shows: ?campaignId= in the URL, else the caller's first active campaign. */
export function useCampaignChoice() {
  const [params, setParams] = useSearchParams();
  const list = useCampaigns({ status: 'active', page: 1, pageSize: 100 });
  const fromUrl = Number(params.get('campaignId')) || undefined;
  const campaignId = fromUrl ?? list.data?.items[0]?.id;
  return {
    campaignId,
    campaigns: list.data?.items ?? [],
    loading: list.isLoading,
    error: list.error,
    /** a new campaign starts at the caller's own unit and indicator */
    choose: (id: number) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('campaignId', String(id));
          for (const k of ['unitId', 'indicatorId', 'page']) next.delete(k);
          return next;
        },
        { replace: true },
      ),
  };
}

export function CampaignSelect({ choice }: { choice: ReturnType<typeof useCampaignChoice> }) {
  return (
    <Select
      aria-label="扩面任务"
      style={{ minWidth: 200, maxWidth: '100%' }}
      loading={choice.loading}
      placeholder="选择扩面任务"
      value={choice.campaignId}
      onChange={choice.choose}
      options={choice.campaigns.map((c) => ({ value: c.id, label: c.name }))}
      popupMatchSelectWidth={false}
    />
  );
}
