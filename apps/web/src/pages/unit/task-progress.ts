// A task's milestone bar and its countdown to the deadline, from calendar dates (YYYY-MM-DD, Asia/Shanghai).
import { toCents, type IndicatorKind } from './split-total';

/** Whole days from today to the deadline (negative once past): '2026-10-31' from '2026-10-20' is 11. */
export function daysLeft(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The countdown cell: days left, due today, or overdue in red; a met or closed task shows no countdown. */
export function countdown(deadline: string, today: string, status: string): { text: string; tone: 'normal' | 'warning' | 'danger' | 'done' } {
  if (status === 'met' || status === 'completed') return { text: status === 'met' ? '已完成' : '已办结', tone: 'done' };
  const d = daysLeft(deadline, today);
  if (d < 0 || status === 'overdue') return { text: `已逾期 ${Math.max(-d, 0)} 天`, tone: 'danger' };
  if (d === 0) return { text: '今天截止', tone: 'danger' };
  return { text: `剩 ${d} 天`, tone: d <= 7 ? 'warning' : 'normal' };
}

export interface MilestoneStep {
  dueOn: string;
  percent: string;
  /** The figure due by then: target × percent (two decimals, half up); a ratio's goal is its rate at every milestone. */
  expected: string;
  /** reached: the figure is there; missed: the date passed without it; current: the next one due; later. */
  state: 'reached' | 'missed' | 'current' | 'later';
}

/** Expected value by a milestone, as the API computes it (libs/campaigns rules/milestones.ts). */
export function expectedBy(kind: IndicatorKind, target: string, percent: string): string {
  if (kind === 'ratio') return target;
  const c = ((toCents(target) ?? 0n) * (toCents(percent) ?? 0n) + 5000n) / 10000n;
  return `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
}

/**
 * The campaign's milestones up to the task's deadline, each judged against the task's figure today: reached when the
 * figure (ratios: the rate, `actual` in percent) is at least what was due, missed when its date has passed without it.
 */
export function milestoneSteps(
  milestones: { dueOn: string; percent: string }[],
  task: { kind: IndicatorKind; target: string; deadline: string },
  actual: string | null,
  today: string,
): MilestoneStep[] {
  const have = actual === null ? null : toCents(Number(actual).toFixed(2));
  let currentSet = false;
  return milestones
    .filter((m) => m.dueOn <= task.deadline)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    .map((m) => {
      const expected = expectedBy(task.kind, task.target, m.percent);
      const reached = have !== null && have >= (toCents(expected) ?? 0n);
      let state: MilestoneStep['state'] = reached ? 'reached' : m.dueOn < today ? 'missed' : 'later';
      if (state === 'later' && !currentSet) {
        state = 'current';
        currentSet = true;
      }
      return { dueOn: m.dueOn, percent: m.percent, expected, state };
    });
}
