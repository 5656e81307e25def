// The campaign wizard's pure side: labels of the API's value lists, the create body from the form's values, where each of the
// API's field errors belongs (which step, which field), the API's English campaign messages in Chinese, and target formats.
import { namePath } from '../../api/errors';
import type { components } from '../../api/schema';
import type { CampaignSettings, CampaignView } from './campaign-types';
import { formatCount, formatPercent, formatWanRen, formatYuan } from '../../lib/format';

type Schemas = components['schemas'];
export type CreateCampaignBody = Schemas['CreateCampaignDto'];
export type IndicatorKind = Schemas['IndicatorDto']['kind'];
export type IndicatorUnit = Schemas['IndicatorDto']['unit'];
export type InsuranceType = Schemas['IndicatorDto']['insuranceType'];
export type IndicatorSource = NonNullable<Schemas['IndicatorDto']['source']>;
export type MemberBody = Schemas['MemberDto']['body'];
export type MemberRole = Schemas['MemberDto']['role'];

/** libs/campaigns campaigns.types INDICATOR_KINDS, each with the one unit the API allows it (ratio ↔ percent) and how a target is typed. */
export const INDICATOR_KINDS: Record<IndicatorKind, { label: string; unit: IndicatorUnit; hint: string }> = {
  count: { label: '人数', unit: 'person', hint: '非负整数，可按人或万人填写' },
  amount: { label: '金额', unit: 'yuan', hint: '元，最多两位小数' },
  ratio: { label: '比率', unit: 'percent', hint: '百分比，大于 0 且不超过 100，须填写分子和分母名称' },
};

export const UNIT_LABELS: Record<IndicatorUnit, string> = { person: '人', yuan: '元', percent: '%' };

export const INSURANCE_TYPES: Record<InsuranceType, string> = {
  employee_pension: '企业职工基本养老保险',
  resident_pension: '城乡居民基本养老保险',
  medical: '基本医疗保险',
  work_injury: '工伤保险',
  unemployment: '失业保险',
  land_expropriated_farmers: '被征地农民社会保障',
  other: '其他',
};

/** Where a ratio's figures come from (libs/campaigns INDICATOR_SOURCES): reports, or the land and hardship records (never reported). */
export const INDICATOR_SOURCES: Record<IndicatorSource, string> = {
  reports: '进度填报',
  land_projects_verified: '征地项目：已核实被征地农民信息的项目占比',
  land_fund_arrival: '征地项目：养老保险补贴资金到位率',
  land_farmers_insured: '征地项目：已核实被征地农民参保率',
  hardship_registration: '困难群体：参保登记率',
  hardship_payment: '困难群体：代缴率',
  hardship_benefit: '困难群体：待遇享受率',
};

/** The leadership group has 组长, 副组长, 成员; the office 主任 and 成员 (validateCampaign). The form's one value is body:role. */
export const MEMBER_POSTS: { value: `${MemberBody}:${MemberRole}`; label: string }[] = [
  { value: 'leadership:head', label: '领导小组组长' },
  { value: 'leadership:deputy', label: '领导小组副组长' },
  { value: 'leadership:member', label: '领导小组成员' },
  { value: 'office:director', label: '办公室主任' },
  { value: 'office:member', label: '办公室成员' },
];

export function memberPostLabel(body: string, role: string): string {
  return MEMBER_POSTS.find((p) => p.value === `${body}:${role}`)?.label ?? `${body}:${role}`;
}

/** What the wizard's form holds: dates as YYYY-MM-DD strings (the date pickers convert), a count target typed in 人 or 万人. */
export interface WizardValues {
  name: string;
  officeName?: string;
  startsOn: string;
  endsOn: string;
  phases?: { name: string; startsOn: string; endsOn: string }[];
  milestones?: { dueOn: string; percent: number }[];
  indicators?: {
    code: string;
    name: string;
    kind: IndicatorKind;
    insuranceType: InsuranceType;
    /** ratios: where the figures come from (default: reports) */
    source?: IndicatorSource;
    numeratorLabel?: string;
    denominatorLabel?: string;
    target?: number | null;
    /** for a count: the target typed in 万人 (wan) or 人 (person, the default) */
    scale?: 'person' | 'wan';
  }[];
  members?: { userId: number; post: `${MemberBody}:${MemberRole}`; title?: string }[];
  settings?: Schemas['CampaignSettingsDto'];
}

/** A count typed in 万人 as whole people (0.8 万人 → 8000); other kinds as typed. */
export function targetForApi(kind: IndicatorKind, value: number, scale: 'person' | 'wan' = 'person'): number {
  return kind === 'count' && scale === 'wan' ? Math.round(value * 10000) : value;
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** POST /api/campaigns's body from the wizard's values: the unit follows the kind, members split into body and role. */
export function toCreateBody(v: WizardValues): CreateCampaignBody {
  return {
    name: v.name.trim(),
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    ...(blank(v.officeName) ? { officeName: blank(v.officeName) } : {}),
    phases: (v.phases ?? []).map((p) => ({ name: p.name.trim(), startsOn: p.startsOn, endsOn: p.endsOn })),
    milestones: (v.milestones ?? []).map((m) => ({ dueOn: m.dueOn, percent: m.percent })),
    indicators: (v.indicators ?? []).map((i) => ({
      code: i.code.trim(),
      name: i.name.trim(),
      kind: i.kind,
      unit: INDICATOR_KINDS[i.kind].unit,
      insuranceType: i.insuranceType,
      ...(i.kind === 'ratio' ? { numeratorLabel: blank(i.numeratorLabel), denominatorLabel: blank(i.denominatorLabel) } : {}),
      ...(i.kind === 'ratio' && i.source && i.source !== 'reports' ? { source: i.source } : {}),
      ...(i.target === null || i.target === undefined ? {} : { target: targetForApi(i.kind, i.target, i.scale) }),
    })),
    members: (v.members ?? []).map((m) => {
      const [body, role] = m.post.split(':') as [MemberBody, MemberRole];
      return { userId: m.userId, body, role, ...(blank(m.title) ? { title: blank(m.title) } : {}) };
    }),
    ...(v.settings ? { settings: v.settings } : {}),
  };
}

/** The settings the wizard sends: every section but the inspection and roster credits, which name indicator ids (set on the detail page). */
export function wizardSettings(s: CampaignSettings): NonNullable<WizardValues['settings']> {
  const { inspectionIndicatorIds: _credits, rosterIndicatorIds: _roster, ...progress } = s.progress;
  return { ...s, progress };
}

/** Two settings values equal whatever their keys' order (PostgreSQL's jsonb answers keys in an order of its own). */
export function sameValue(a: unknown, b: unknown): boolean {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, x]) => [k, stable(x)]),
          )
        : v;
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b));
}

/** A draft in the wizard's values (PUT takes them back as toCreateBody makes them): targets in 人, members as posts. */
export function toWizardValues(c: CampaignView): WizardValues {
  return {
    name: c.name,
    ...(c.officeName ? { officeName: c.officeName } : {}),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    phases: c.phases.map((p) => ({ name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    milestones: c.milestones.map((m) => ({ dueOn: m.dueOn, percent: Number(m.percent) })),
    indicators: c.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      kind: i.kind,
      insuranceType: i.insuranceType,
      ...(i.kind === 'ratio' ? { numeratorLabel: i.numeratorLabel ?? undefined, denominatorLabel: i.denominatorLabel ?? undefined } : {}),
      ...(i.source !== 'reports' ? { source: i.source } : {}),
      target: i.topTarget === null ? null : Number(i.topTarget),
      scale: 'person' as const,
    })),
    members: c.members.map((m) => ({ userId: m.userId, post: `${m.body}:${m.role}` as const, ...(m.title ? { title: m.title } : {}) })),
    settings: wizardSettings(c.settings),
  };
}

export const WIZARD_STEPS = ['基本信息', '阶段与时间节点', '指标', '领导小组与办公室', '设置', '核对并创建'] as const;

/** The step whose fields an API error names: phases and milestones → 1, indicators → 2, members → 3, settings → 4, the rest → 0. */
export function stepOfField(field: string): number {
  const root = field.split(/[.[]/)[0];
  return { phases: 1, milestones: 1, indicators: 2, members: 3, settings: 4 }[root] ?? 0;
}

/**
 * The form field an API error belongs to, or null when it names a whole list (milestones, members): the step shows it above.
 * The API names `indicators[i].unit` (the form picks the kind), `members[i].role|body` (the form's one post) and `phases[i]`.
 */
export function formFieldOf(field: string): (string | number)[] | null {
  const path = namePath(field);
  if (path.length === 1 && (path[0] === 'milestones' || path[0] === 'members' || path[0] === 'indicators' || path[0] === 'phases')) return null;
  if (path[0] === 'indicators' && path[2] === 'unit') return ['indicators', path[1], 'kind'];
  if (path[0] === 'members' && (path[2] === 'role' || path[2] === 'body')) return ['members', path[1], 'post'];
  if (path[0] === 'phases' && path.length === 2) return ['phases', path[1], 'startsOn'];
  return path;
}

/** A target as the clerk reads it: counts in 万人 (with the people when under one 万), money in 元, rates in %. */
export function formatTarget(kind: string, v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '未设定';
  if (kind === 'ratio') return formatPercent(v);
  if (kind === 'amount') return formatYuan(v);
  return Number(v) >= 10000 ? `${formatWanRen(v)}（${formatCount(v)}）` : formatCount(v);
}

/** Client-side checks the API makes too, as the clerk types: a date inside the period (both ends given). */
export function outsidePeriod(date: string | undefined, startsOn: string | undefined, endsOn: string | undefined): boolean {
  return !!date && !!startsOn && !!endsOn && (date < startsOn || date > endsOn);
}

/** Milestones are cumulative: the n-th by date may not have a smaller percent than the one before, nor share its date. */
export function milestoneProblem(ms: readonly ({ dueOn?: string; percent?: number } | undefined)[], i: number): string | null {
  const me = ms[i];
  if (!me?.dueOn || me.percent === undefined || me.percent === null) return null;
  for (const [j, o] of ms.entries()) {
    if (j === i || !o?.dueOn || o.percent === undefined || o.percent === null) continue;
    if (o.dueOn === me.dueOn) return `与第 ${j + 1} 个时间节点同一天`;
    if (o.dueOn < me.dueOn && o.percent > me.percent) return `进度是累计的：不能低于更早节点（${o.dueOn}）的 ${o.percent}%`;
  }
  return null;
}
