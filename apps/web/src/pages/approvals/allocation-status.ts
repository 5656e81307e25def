import type { AllocationStatus } from './approvals-hooks';

export const ALLOCATION_STATUS: Record<AllocationStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '待审批', color: 'processing' },
  approved: { label: '已批准', color: 'success' },
  rejected: { label: '已退回', color: 'error' },
  superseded: { label: '已被替代', color: 'default' },
};
