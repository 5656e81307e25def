import { Select } from 'antd';
import { useCampaigns } from '../pages/campaigns/campaigns-hooks';

/**
 * The campaign an office screen is about: the one in the URL, else the first active campaign (else the newest).
 * `picker` is the Select that changes it; `none` says there is no campaign to choose.
 */
export function useCampaignChoice(fromUrl: string | undefined, onChange: (id: string | undefined) => void) {
  const list = useCampaigns({ page: 1, pageSize: 100 });
  const items = list.data?.items ?? [];
  const fallback = items.find((c) => c.status === 'active') ?? items[0];
  const campaignId = fromUrl ? Number(fromUrl) : fallback?.id;
  const picker = (
    <Select
      aria-label="扩面任务"
      style={{ width: 260, maxWidth: '100%' }}
      loading={list.isLoading}
      placeholder="选择扩面任务"
      value={campaignId}
      onChange={(v: number) => onChange(String(v))}
      options={items.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
  const campaign = items.find((c) => c.id === campaignId);
  return { campaignId, campaign, picker, loading: list.isLoading, none: list.isSuccess && items.length === 0, error: list.error };
}
