import type { AllocationStatus, IndicatorKind } from '../campaigns.types';
import type { LineView, StepView } from '../repositories/allocation.repository';

/** An allocation version with its lines, approval history and all versions of its parent task's split. */
export interface AllocationView {
  id: number;
  campaignId: number;
  indicatorId: number;
  indicator: { name: string; kind: IndicatorKind; unit: string };
  parentTaskId: number;
  parentTarget: string | null;
  parentDeadline: string;
  allocatingUnit: { id: number; code: string; name: string };
  version: number;
  status: AllocationStatus;
  previousId: number | null;
  rejectReason: string | null;
  /** Set on an approved split whose parent task's target or deadline changed so that the split no longer fits. */
  outOfStep: string | null;
  createdBy: number | null;
  createdAt: Date;
  submittedBy: number | null;
  submittedAt: Date | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  total: string;
  lines: LineView[];
  steps: StepView[];
  versions: { id: number; version: number; status: AllocationStatus }[];
}
