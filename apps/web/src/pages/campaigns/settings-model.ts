// The campaign settings sections as the clerk sees them (their defaults come from GET /api/campaigns/settings-defaults).
import type { CampaignSettings } from './campaign-types';

export type SettingsSection = keyof CampaignSettings;

export const SETTINGS_SECTIONS: { key: SettingsSection; title: string; hint: string }[] = [
  { key: 'deadlines', title: '期限与分解', hint: '截止日期和时间节点前的提醒；分解能否超过上级目标' },
  { key: 'escalation', title: '重点检查名单', hint: '每月 10、20、30 日在窗口内截止，拒绝次数达到门槛的单位列入重点检查名单' },
  { key: 'progress', title: '进度与奖惩', hint: '奖惩档次、通报周期、报送周期、序时进度方式和进度状态区间' },
  { key: 'registry', title: '参保名册', hint: '计算年龄的基准日' },
  { key: 'inspection', title: '劳动保障监察', hint: '限期改正天数、提醒和办结期限' },
  { key: 'notices', title: '消息提醒', hint: '每天发送提醒的时间，向群众发送提醒的免打扰时段' },
];

export const BULLETIN_CADENCES: Record<CampaignSettings['progress']['bulletinCadences'][number], string> = {
  biweekly: '每两周',
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
};
export const REPORT_CADENCES: Record<CampaignSettings['progress']['reportCadence'], string> = { weekly: '每周', biweekly: '每两周', monthly: '每月' };
export const MILESTONE_MODES: Record<CampaignSettings['progress']['milestoneMode'], string> = {
  step: '阶梯：到节点日达到该节点比例',
  linear: '线性：两节点之间按天均匀增长',
};
