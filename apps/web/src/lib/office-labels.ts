// What the office's progress, enforcement and reminder screens print for the API's codes, and the small rules they follow.
import { formatCount, formatPercent, formatYuan } from './format';

type Labels = Record<string, { label: string; color: string }>;

/** A tag's text and colour for a code, the code itself when it is new. */
export function tagOf(labels: Labels, code: string | null | undefined): { label: string; color: string } {
  if (!code) return { label: '—', color: 'default' };
  return labels[code] ?? { label: code, color: 'default' };
}

export const TRIGGER: Labels = { schedule: { label: '定时', color: 'blue' }, manual: { label: '手动', color: 'purple' } };

/** A bulletin series' cadence (libs/progress rules/bulletin-schedule.ts). */
export const CADENCE: Labels = {
  biweekly: { label: '双周', color: 'cyan' },
  monthly: { label: '月度', color: 'blue' },
  quarterly: { label: '季度', color: 'geekblue' },
  yearly: { label: '年度', color: 'purple' },
};

/** 第N期. */
export function issueLabel(issueNo: number): string {
  return `第${issueNo}期`;
}

export const SETTLEMENT_STATE: Labels = { draft: { label: '草稿（待确认）', color: 'warning' }, confirmed: { label: '已确认', color: 'success' } };

/** libs/progress rules/incentives.ts tiers. */
export const SETTLEMENT_TIER: Labels = {
  full: { label: '完成目标（全额奖励）', color: 'success' },
  partial: { label: '达到A档（部分奖励）', color: 'processing' },
  none: { label: '未达A档', color: 'default' },
  criticised: { label: '低于B档（通报约谈）', color: 'error' },
  zero: { label: '零进度（扣减）', color: 'magenta' },
};

export const PROGRESS_STATUS: Labels = {
  completed: { label: '已完成', color: 'success' },
  ahead: { label: '超序时', color: 'success' },
  on_track: { label: '符合序时', color: 'processing' },
  behind: { label: '落后序时', color: 'warning' },
  zero: { label: '零进度', color: 'error' },
  no_plan: { label: '无计划', color: 'default' },
};

export const LIST_STATUS: Labels = { compiled: { label: '待审核派发', color: 'warning' }, dispatched: { label: '已派发', color: 'success' } };

export const ROUND_STATUS: Labels = {
  planned: { label: '待开始', color: 'default' },
  running: { label: '发送中', color: 'processing' },
  finished: { label: '已完成', color: 'success' },
};

export const ROUND_TARGET: Labels = {
  lapsed: { label: '断缴人员', color: 'orange' },
  will_enrol: { label: '承诺参保人员', color: 'cyan' },
  not_visited: { label: '尚未走访人员', color: 'geekblue' },
};

export const CHANNEL: Labels = { sms: { label: '短信', color: 'blue' }, webhook: { label: '政务推送（Webhook）', color: 'purple' } };

export const MESSAGE_STATE: Labels = {
  queued: { label: '排队中', color: 'default' },
  sending: { label: '发送中', color: 'processing' },
  sent: { label: '已发送待回执', color: 'blue' },
  delivered: { label: '已送达', color: 'success' },
  failed: { label: '发送失败', color: 'error' },
  skipped: { label: '已跳过', color: 'default' },
};

/** A figure in its indicator's unit (libs/campaigns INDICATOR_UNITS): people, yuan, or a rate in %. */
export function formatIndicatorValue(unit: string | null | undefined, v: string | number | null | undefined): string {
  if (unit === 'yuan') return formatYuan(v);
  if (unit === 'percent') return formatPercent(v);
  return formatCount(v);
}

export interface RoundTotals {
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  total: number;
}

/**
 * How far a round has gone, in whole percent of its messages: `handed` left our side (sent, delivered, failed,
 * skipped), `final` have their outcome (delivered, failed, skipped). 0 of 0 is 0.
 */
export function roundProgress(t: RoundTotals): { handed: number; final: number } {
  if (!t.total) return { handed: 0, final: 0 };
  const final = t.delivered + t.failed + t.skipped;
  const pct = (n: number) => Math.floor((n * 100) / t.total);
  return { handed: pct(final + t.sent), final: pct(final) };
}

/** Whether a round's totals may still change by themselves: it is running, or messages wait to be sent or for their receipt. */
export function roundIsMoving(status: string, t: RoundTotals | undefined): boolean {
  if (status === 'running') return true;
  return status !== 'planned' && !!t && t.queued + t.sending + t.sent > 0;
}

/** An inspection case's state: open, or closed as rectified or otherwise (libs/enforcement CASE_STATUSES, CASE_RESOLUTIONS). */
export const CASE_STATE: Labels = {
  open: { label: '办理中', color: 'processing' },
  rectified: { label: '已整改结案', color: 'success' },
  closed: { label: '已结案', color: 'default' },
};

/** The steps of a case's history (libs/enforcement CASE_EVENT_KINDS). */
export const CASE_EVENT: Labels = {
  opened: { label: '立案', color: 'blue' },
  assigned: { label: '分派', color: 'geekblue' },
  visited: { label: '现场检查', color: 'cyan' },
  rectification_ordered: { label: '限期改正', color: 'orange' },
  rectified: { label: '整改参保', color: 'success' },
  referred_to_tax: { label: '移交税务征收', color: 'purple' },
  penalised: { label: '行政处罚', color: 'magenta' },
  closed: { label: '结案', color: 'default' },
  overdue: { label: '整改逾期', color: 'error' },
};
