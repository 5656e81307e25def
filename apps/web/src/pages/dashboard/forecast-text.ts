// How the console words a forecast row (the API's /api/forecasts; rules in libs/progress/src/rules/forecast.ts).
type Pace = { perDay: string; perWeek: string; perWorkingDay: string | null };
type Row = {
  indicatorKind: string;
  indicatorUnit: string | null;
  status: string;
  projectedPct: string | null;
  needed: Pace | null;
};

const STATUS: Record<string, string> = {
  no_plan: '无计划',
  met: '已完成',
  not_started: '未开始',
  no_reports: '尚未报送',
  too_early: '数据不足四周，暂无法预测',
  on_pace: '可按期完成',
  will_miss: '预计无法按期完成',
  deadline_passed: '已逾期',
};

function unitOf(r: Row): string {
  return r.indicatorKind === 'ratio' ? '个百分点' : r.indicatorUnit === 'yuan' ? '元' : '人';
}

/** 50.1%, or the status when nothing is projected (尚未报送, 已逾期). */
export function projectedText(r: Row): string {
  if (r.status === 'no_reports' || r.status === 'deadline_passed') return STATUS[r.status];
  return r.projectedPct === null ? (STATUS[r.status] ?? '') : `${r.projectedPct}%`;
}

/** 每天 13.92人，每周 97.46人 — the pace needed from today; blank once the deadline has passed. */
export function neededPace(r: Row): string {
  if (!r.needed) return r.status === 'deadline_passed' ? '已过截止日' : '';
  return `每天 ${r.needed.perDay}${unitOf(r)}，每周 ${r.needed.perWeek}${unitOf(r)}`;
}
