import type { ForecastRow } from '../dto/forecast.types';
import { forecastSentence, paceText } from './forecast-content';

const row = (over: Partial<ForecastRow>): ForecastRow =>
  ({
    indicatorId: 1,
    indicatorCode: 'EP',
    indicatorName: '企业职工养老保险新增参保',
    indicatorKind: 'count',
    indicatorUnit: 'person',
    unitId: 2,
    unitCode: 'CB',
    unitName: '城北区',
    taskId: 9,
    deadline: '2026-12-31',
    target: '3640',
    actual: '1092',
    status: 'will_miss',
    willMiss: true,
    remainingDays: 183,
    remainingWorkingDays: 120,
    linear: null,
    trend: null,
    shortfall: '2548.00',
    needed: { perDay: '13.92', perWeek: '97.46', perWorkingDay: '21.23' },
    projectedPct: '50.1',
    ...over,
  }) as ForecastRow;

describe('forecast wording', () => {
  it('names the units that will miss with the projected share and the weekly pace they need', () => {
    expect(forecastSentence({ total: 2, rows: [row({}), row({ unitName: '汉沽区', status: 'deadline_passed', needed: null, projectedPct: null })] })).toBe(
      '按近四周进度，城北区（企业职工养老保险新增参保，预计完成50.1%，需每周97.46人）、汉沽区（企业职工养老保险新增参保，已逾期）2项任务预计无法按期完成，请加快进度。',
    );
    expect(forecastSentence({ total: 12, rows: [row({})] }, 1)).toMatch(/）等12项任务/);
    expect(forecastSentence({ total: 0, rows: [] })).toBe('按当前进度，各单位任务均可按期完成。');
  });

  it('paces carry the unit: people, yuan, percentage points', () => {
    expect(paceText(row({}), '13.92', '天')).toBe('13.92人/天');
    expect(paceText(row({ indicatorUnit: 'yuan' }), '100.00', '周')).toBe('100.00元/周');
    expect(paceText(row({ indicatorKind: 'ratio' }), '0.03', '工作日')).toBe('0.03个百分点/工作日');
  });
});
