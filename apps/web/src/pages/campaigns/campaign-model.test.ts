import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../../../../../libs/campaigns/src/settings/settings.defaults';
import type { CampaignView } from './campaign-types';
import {
  formatTarget,
  formFieldOf,
  milestoneProblem,
  outsidePeriod,
  sameValue,
  stepOfField,
  targetForApi,
  toCreateBody,
  toWizardValues,
  wizardSettings,
} from './campaign-model';

describe('campaign wizard model', () => {
  it('builds the create body: unit from the kind, 万人 as people, members as body and role, blanks left out', () => {
    const body = toCreateBody({
      name: ' 2027年扩面 ',
      officeName: ' ',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      phases: [{ name: '动员', startsOn: '2027-01-01', endsOn: '2027-03-31' }],
      milestones: [{ dueOn: '2027-06-30', percent: 50 }],
      indicators: [
        { code: 'EP', name: '新增参保', kind: 'count', insuranceType: 'employee_pension', target: 0.8, scale: 'wan' },
        { code: 'COV', name: '参保率', kind: 'ratio', insuranceType: 'medical', numeratorLabel: '参保人数', denominatorLabel: '户籍人口', target: 98.5 },
        { code: 'AMT', name: '补贴', kind: 'amount', insuranceType: 'other', numeratorLabel: 'x', target: null },
      ],
      members: [
        { userId: 3, post: 'leadership:head', title: ' 市长 ' },
        { userId: 4, post: 'office:director' },
      ],
    });
    expect(body).toEqual({
      name: '2027年扩面',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      phases: [{ name: '动员', startsOn: '2027-01-01', endsOn: '2027-03-31' }],
      milestones: [{ dueOn: '2027-06-30', percent: 50 }],
      indicators: [
        { code: 'EP', name: '新增参保', kind: 'count', unit: 'person', insuranceType: 'employee_pension', target: 8000 },
        {
          code: 'COV',
          name: '参保率',
          kind: 'ratio',
          unit: 'percent',
          insuranceType: 'medical',
          numeratorLabel: '参保人数',
          denominatorLabel: '户籍人口',
          target: 98.5,
        },
        { code: 'AMT', name: '补贴', kind: 'amount', unit: 'yuan', insuranceType: 'other' },
      ],
      members: [
        { userId: 3, body: 'leadership', role: 'head', title: '市长' },
        { userId: 4, body: 'office', role: 'director' },
      ],
    });
  });

  it('turns 万人 into whole people without float noise', () => {
    expect(targetForApi('count', 1.2345, 'wan')).toBe(12345); // 1.2345 × 10000
    expect(targetForApi('count', 0.07, 'wan')).toBe(700); // 0.07 × 10000 = 700.0000000000001 before rounding
    expect(targetForApi('amount', 10.5, 'wan')).toBe(10.5); // only counts have 万人
  });

  it('finds the step and the field of each API error', () => {
    expect(stepOfField('endsOn')).toBe(0);
    expect(stepOfField('phases[1].endsOn')).toBe(1);
    expect(stepOfField('milestones')).toBe(1);
    expect(stepOfField('indicators[0].code')).toBe(2);
    expect(stepOfField('members[2].userId')).toBe(3);
    expect(stepOfField('settings.escalation.windows[0].to')).toBe(4);
    expect(formFieldOf('indicators[1].unit')).toEqual(['indicators', 1, 'kind']);
    expect(formFieldOf('members[0].role')).toEqual(['members', 0, 'post']);
    expect(formFieldOf('phases[2]')).toEqual(['phases', 2, 'startsOn']);
    expect(formFieldOf('milestones')).toBeNull();
    expect(formFieldOf('settings.escalation.windows[0].to')).toEqual(['settings', 'escalation', 'windows', 0, 'to']);
  });

  it('checks dates against the period and milestones as cumulative', () => {
    expect(outsidePeriod('2026-12-31', '2027-01-01', '2027-12-31')).toBe(true);
    expect(outsidePeriod('2027-12-31', '2027-01-01', '2027-12-31')).toBe(false);
    expect(outsidePeriod('2027-05-01', undefined, '2027-12-31')).toBe(false);
    const ms = [
      { dueOn: '2027-06-30', percent: 50 },
      { dueOn: '2027-03-31', percent: 60 },
      { dueOn: '2027-03-31', percent: 70 },
    ];
    expect(milestoneProblem(ms, 0)).toBe('进度是累计的：不能低于更早节点（2027-03-31）的 60%');
    expect(milestoneProblem(ms, 1)).toBe('与第 3 个时间节点同一天');
    expect(
      milestoneProblem(
        [
          { dueOn: '2027-03-31', percent: 25 },
          { dueOn: '2027-06-30', percent: 50 },
        ],
        1,
      ),
    ).toBeNull();
  });

  it('formats targets by kind', () => {
    expect(formatTarget('count', '8000.00')).toBe('8,000人');
    expect(formatTarget('count', '30000.00')).toBe('3.00万人（30,000人）');
    expect(formatTarget('amount', '10.50')).toBe('10.50元');
    expect(formatTarget('ratio', '98.50')).toBe('98.5%');
    expect(formatTarget('count', null)).toBe('未设定');
  });

  it('sends every settings section but the inspection credits (they name indicator ids)', () => {
    const sent = wizardSettings(DEFAULT_CAMPAIGN_SETTINGS);
    expect(sent.progress).toEqual({
      incentives: { a: 80, b: 60, x: 20, y: 30, z: 10 },
      bulletinCadences: ['biweekly'],
      milestoneMode: 'step',
      statusBandPct: 5,
      reportCadence: 'monthly',
    });
    expect(sent.escalation).toEqual(DEFAULT_CAMPAIGN_SETTINGS.escalation);
  });

  it('reopens a draft with its values, and sends them back as they were', () => {
    const c = {
      id: 7,
      orgUnitId: 1,
      name: '2027年扩面',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      status: 'draft',
      officeName: null,
      settings: { ...DEFAULT_CAMPAIGN_SETTINGS, progress: { ...DEFAULT_CAMPAIGN_SETTINGS.progress, inspectionIndicatorIds: [31] } },
      createdBy: 2,
      createdAt: '2026-12-01T00:00:00Z',
      updatedAt: '2026-12-01T00:00:00Z',
      phases: [{ id: 1, campaignId: 7, name: '动员', startsOn: '2027-01-01', endsOn: '2027-03-31', ordinal: 1 }],
      milestones: [{ id: 1, campaignId: 7, dueOn: '2027-06-30', percent: '50.00' }],
      members: [{ id: 1, campaignId: 7, userId: 3, body: 'leadership', role: 'deputy', title: '副市长', username: 'deputy', displayName: '李副市长' }],
      indicators: [
        {
          id: 31,
          campaignId: 7,
          code: 'EP',
          name: '新增参保',
          unit: 'person',
          kind: 'count',
          insuranceType: 'employee_pension',
          source: 'reports',
          numeratorLabel: null,
          denominatorLabel: null,
          topTarget: '8000.00',
        },
        {
          id: 32,
          campaignId: 7,
          code: 'COV',
          name: '参保率',
          unit: 'percent',
          kind: 'ratio',
          insuranceType: 'medical',
          source: 'reports',
          numeratorLabel: '参保人数',
          denominatorLabel: '户籍人口',
          topTarget: null,
        },
      ],
      topTasks: [],
      can: { run: true, editDraft: true, settings: true, split: false },
    } satisfies CampaignView;
    const v = toWizardValues(c);
    expect(v.members).toEqual([{ userId: 3, post: 'leadership:deputy', title: '副市长' }]);
    expect(v.indicators?.[0]).toEqual({ code: 'EP', name: '新增参保', kind: 'count', insuranceType: 'employee_pension', target: 8000, scale: 'person' });
    expect(v.settings?.progress).not.toHaveProperty('inspectionIndicatorIds');
    expect(v.settings?.progress).not.toHaveProperty('rosterIndicatorIds');
    expect(toCreateBody(v)).toEqual({
      name: '2027年扩面',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      phases: [{ name: '动员', startsOn: '2027-01-01', endsOn: '2027-03-31' }],
      milestones: [{ dueOn: '2027-06-30', percent: 50 }],
      indicators: [
        { code: 'EP', name: '新增参保', kind: 'count', unit: 'person', insuranceType: 'employee_pension', target: 8000 },
        { code: 'COV', name: '参保率', kind: 'ratio', unit: 'percent', insuranceType: 'medical', numeratorLabel: '参保人数', denominatorLabel: '户籍人口' },
      ],
      members: [{ userId: 3, body: 'leadership', role: 'deputy', title: '副市长' }],
      settings: wizardSettings(c.settings),
    });
  });

  it('sends a ratio fed by the records with its source, and no source for reports or other kinds', () => {
    const base = { name: '任务', startsOn: '2027-01-01', endsOn: '2027-12-31' };
    const ind = (kind: 'ratio' | 'count', source?: 'reports' | 'hardship_registration') => ({
      code: 'X',
      name: 'X',
      kind,
      insuranceType: 'other' as const,
      numeratorLabel: '登记',
      denominatorLabel: '名单',
      ...(source ? { source } : {}),
    });
    const sources = (v: ReturnType<typeof ind>) => toCreateBody({ ...base, indicators: [v] }).indicators?.[0]?.source;
    expect(sources(ind('ratio', 'hardship_registration'))).toBe('hardship_registration');
    expect(sources(ind('ratio', 'reports'))).toBeUndefined();
    expect(sources(ind('count', 'hardship_registration'))).toBeUndefined();
  });

  it('compares settings whatever the order of their keys', () => {
    expect(sameValue({ time: '17:00', windows: [{ to: '11-30', from: '09-01' }] }, { windows: [{ from: '09-01', to: '11-30' }], time: '17:00' })).toBe(true);
    expect(sameValue({ time: '17:00' }, { time: '18:00' })).toBe(false);
    expect(sameValue([7, 3, 1], [1, 3, 7])).toBe(false); // a list's order counts
  });
});
