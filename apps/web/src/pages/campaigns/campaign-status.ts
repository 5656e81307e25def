import type { CampaignStatus } from '../../api/common-types';

export const CAMPAIGN_STATUS: Record<CampaignStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  active: { label: '进行中', color: 'processing' },
  closed: { label: '已结束', color: 'success' },
};
