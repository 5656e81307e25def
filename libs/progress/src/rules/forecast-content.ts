// How bulletins (PDF, XLSX) and the console word a forecast (issue 20 point 2): 预计无法按期完成.
import type { BulletinForecast, ForecastRow } from '../dto/forecast.types';
import { unitLabel } from './bulletin-content';

export const FORECAST_STATUS_ZH: Record<string, string> = {
  no_plan: '无计划',
  met: '已完成',
  not_started: '未开始',
  no_reports: '尚未报送',
  too_early: '数据不足四周，暂无法预测',
  on_pace: '可按期完成',
  will_miss: '预计无法按期完成',
  deadline_passed: '已逾期未完成',
};

/** A figure with the indicator's unit: 12.50人/天, a ratio's 0.03个百分点. */
export function paceText(r: Pick<ForecastRow, 'indicatorKind' | 'indicatorUnit'>, v: string | null, per: '天' | '周' | '工作日'): string {
  if (v === null) return '';
  return r.indicatorKind === 'ratio' ? `${v}个百分点/${per}` : `${v}${unitLabel(r.indicatorUnit)}/${per}`;
}

/**
 * The bulletin's sentence: 按近四周进度，城北区（企业职工养老保险新增参保，预计完成50.1%，需每周97.46人）等3项任务预计无法按期完成，请加快进度。
 * The first `named` rows are named; none: 按当前进度，各单位任务均可按期完成。
 */
export function forecastSentence(f: BulletinForecast, named = 10): string {
  if (!f.total) return '按当前进度，各单位任务均可按期完成。';
  const list = f.rows
    .slice(0, named)
    .map((r) => {
      const pct = r.projectedPct === null ? '' : `，预计完成${r.projectedPct}%`;
      const need = r.needed ? `，需每周${paceText(r, r.needed.perWeek, '周').replace(/\/周$/, '')}` : r.status === 'deadline_passed' ? '，已逾期' : '';
      return `${r.unitName}（${r.indicatorName}${pct}${need}）`;
    })
    .join('、');
  return `按近四周进度，${list}${f.total > named ? '等' : ''}${f.total}项任务预计无法按期完成，请加快进度。`;
}
