// How the audit log reads for a clerk: each action the platform writes (libs/core audit-actions.ts) in Chinese, the
// kinds of record, and a row's changes as "field: before → after" (values as the API gives them, phones already masked).
import type { Answer } from '../../api/answers';

export type AuditEntry = Answer<'/api/audit-log', 'get'>['items'][number];
export type AuditAction = AuditEntry['action'];

/** Every action: a new one in the API fails the web type check until it gets its label here. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  create: '新建',
  update: '修改',
  'update+password': '修改（含重置密码）',
  move: '移动单位',
  deactivate: '停用',
  import: '导入组织树',
  replace_placeholder_root: '设置顶级单位',
  login: '登录',
  'login-failed': '登录失败',
  'login-refused': '登录被拒',
  lockout: '账户锁定',
  logout: '退出登录',
  'refresh-reuse': '令牌重复使用（会话已终止）',
  'password-change': '修改密码',
  'campaign.create': '新建活动',
  'campaign.update': '修改活动草稿',
  'campaign.activate': '启动活动',
  'campaign.close': '结束活动',
  'campaign.settings': '修改活动设置',
  'allocation.create': '新建分解表',
  'allocation.update': '修改分解表',
  'allocation.submit': '提交分解表',
  'allocation.approve': '批准分解表',
  'allocation.reject': '退回分解表',
  'task.complete': '完成任务',
  'task.move-deadline': '调整任务期限',
  'duty.create': '登记成员单位报送职责',
  'duty.update': '修改成员单位报送职责',
  'duty.delete': '删除成员单位报送职责',
  'duty.deliver': '成员单位报送',
  'progress.report': '报送进度',
  'progress.correct': '更正进度',
  'progress.credit': '计入进度',
  'bulletin.generate': '生成通报',
  'settlement.compute': '计算奖补',
  'settlement.recompute': '重新计算奖补',
  'settlement.confirm': '确认奖补',
  'registry.import': '导入名册',
  'registry.import.failed': '名册导入失败',
  'registry.entry.closed': '名册核销（参保库比对或死亡名单）',
  'registry.person.read': '查看人员信息',
  'registry.employer.read': '查看单位信息',
  'registry.assign': '分配名册',
  'registry.visit': '登记走访',
  'registry_employer.enrolled_by_inspection': '单位经检查参保',
  'hardship_person.record': '登记困难群体人员',
  'land_project.create': '新建征地项目',
  'land_project.update': '修改征地项目',
  'land_project.delete': '删除征地项目',
  'land_project.fund_split': '分解征地补贴资金',
  'land_farmer.upsert': '登记被征地农民',
  'land_farmer.verify': '核实被征地农民',
  'inspection_list.compile': '生成重点检查名单',
  'inspection_list.dispatch': '下发重点检查名单',
  'inspection_list.remove_entry': '移出重点检查名单',
  'inspection_case.assign': '分派检查案件',
  'inspection_case.visited': '检查走访',
  'inspection_case.rectification_ordered': '责令整改',
  'inspection_case.rectified': '整改完成',
  'inspection_case.referred_to_tax': '移交税务',
  'inspection_case.penalised': '行政处罚',
  'inspection_case.closed': '结案',
  'cutoff.run': '节点核查',
  plan: '计划提醒',
  start: '开始提醒',
  'reminder_plan.create': '制定提醒计划',
  'reminder_plan.cancel': '停止提醒计划',
  'notice_robot.save': '设置群机器人',
  'notice_robot.delete': '删除群机器人',
  resend_failed: '重发失败消息',
  'delivery-report': '短信回执',
};

export const ENTITY_LABELS: Record<string, string> = {
  org_unit: '单位',
  user: '用户',
  auth: '登录',
  campaign: '活动',
  allocation: '分解表',
  task: '任务',
  progress_report: '进度报送',
  progress_credit: '进度计入',
  bulletin: '通报',
  settlement: '奖补结算',
  registry_import_job: '名册导入',
  registry_person: '人员',
  registry_employer: '单位（企业）',
  inspection_list: '重点检查名单',
  inspection_list_entry: '名单条目',
  inspection_case: '检查案件',
  cutoff_run: '节点核查',
  reminder_round: '提醒轮次',
  outreach_message: '提醒消息',
  notice_template: '通知模板',
};

/** A value as one line: text as it is, null as —, anything else as compact JSON. */
export function auditValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

/** A row's changes field by field; a value stored without before/after is shown as its new value. */
export function auditChanges(changes: AuditEntry['changes']): AuditChange[] {
  if (!changes) return [];
  return Object.entries(changes).map(([field, c]) => {
    const pair = c && typeof c === 'object' && ('before' in c || 'after' in c) ? (c as { before?: unknown; after?: unknown }) : { before: null, after: c };
    return { field, before: auditValue(pair.before), after: auditValue(pair.after) };
  });
}
