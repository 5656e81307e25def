import type { CreateCampaignDto } from '../dto/campaign.dto';
import { validateCampaign } from './campaign-validation';

const base: CreateCampaignDto = { name: '2026年扩面专项行动', startsOn: '2026-01-01', endsOn: '2026-12-31' };

describe('a new campaign’s cross-field checks', () => {
  it('accepts a consistent campaign', () => {
    expect(
      validateCampaign({
        ...base,
        phases: [{ name: '动员部署', startsOn: '2026-01-01', endsOn: '2026-03-15' }],
        milestones: [
          { dueOn: '2026-06-30', percent: 50 },
          { dueOn: '2026-03-31', percent: 25 },
        ],
        indicators: [
          { code: 'EP', name: '新增参保', unit: 'person', kind: 'count', insuranceType: 'employee_pension', target: 8000 },
          {
            code: 'MED',
            name: '参保率',
            unit: 'percent',
            kind: 'ratio',
            insuranceType: 'medical',
            numeratorLabel: '参保人数',
            denominatorLabel: '户籍人口',
            target: 98.5,
          },
        ],
        members: [
          { userId: 1, role: 'head' },
          { userId: 1, body: 'office', role: 'director' },
        ],
      }),
    ).toEqual([]);
  });

  it('names every field that does not fit', () => {
    expect(
      validateCampaign({
        ...base,
        startsOn: '2026-02-30',
        endsOn: '2025-12-31',
        phases: [{ name: 'x', startsOn: '2026-05-01', endsOn: '2026-04-01' }],
        milestones: [
          { dueOn: '2026-03-31', percent: 50 },
          { dueOn: '2026-06-30', percent: 25 },
        ],
        indicators: [
          { code: 'EP', name: 'a', unit: 'percent', kind: 'count', insuranceType: 'other', target: 2.5 },
          { code: 'EP', name: 'b', unit: 'person', kind: 'ratio', insuranceType: 'other' },
        ],
        members: [
          { userId: 1, role: 'director' },
          { userId: 2, body: 'office', role: 'head' },
          { userId: 2, body: 'office', role: 'member' },
        ],
      }).map((e) => e.field),
    ).toEqual([
      'startsOn',
      'endsOn',
      'phases[0].endsOn',
      'phases[0]',
      'milestones', // 2026-03-31 outside 2026-02-30 … 2025-12-31
      'milestones', // 2026-06-30 outside
      'milestones', // 50 then 25: cumulative percent decreases
      'indicators[0].unit',
      'indicators[0].target',
      'indicators[1].code',
      'indicators[1].unit',
      'indicators[1].numeratorLabel',
      'members[0].role',
      'members[1].role',
      'members[2].userId',
    ]);
  });

  it('refuses inspection credit indicators at creation (they have no ids yet)', () => {
    expect(validateCampaign({ ...base, settings: { progress: { inspectionIndicatorIds: [3] } } })).toEqual([
      { field: 'settings.progress.inspectionIndicatorIds', message: '创建时指标尚无编号：请在创建后通过 PUT /api/campaigns/:id/settings 设置' },
    ]);
  });
});
