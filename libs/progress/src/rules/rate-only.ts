import type { RollupCell } from '../repositories/rollup.repository';
import type { RowCell } from './progress-row';

/** A counted leaf task whose report that counts carries only a rate: its indicator, its holder's path, the rate in %. */
export interface RateOnlyLeaf {
  task_id: number;
  indicator_id: number;
  path: string;
  rate: string;
}

/**
 * The cells with what rate-only reports add (issue 17 point 6). DOMAIN.md section 4: a ratio rolls up as the sum of
 * numerators over the sum of denominators, and the issue: "rolled up only where both are known". So a report that
 * carries only a rate adds nothing to any numerator or denominator (the rollup holds 0 for it): the row of the unit
 * whose own task it is shows that rate; every row above it shows the rate of the known figures and counts the
 * rate-only tasks it leaves out (rateOnlyBelow); a row with only rate-only tasks below it has no rate.
 */
export function withRateOnly(
  cells: RollupCell[],
  leaves: RateOnlyLeaf[],
  unit: { id: number; path: string },
  tops: { taskId: number; indicatorId: number; unitId: number }[],
): (RollupCell & RowCell)[] {
  if (!leaves.length) return cells;
  const out: (RollupCell & RowCell)[] = cells.map((x) => ({ ...x }));
  const cellOf = (indicatorId: number, childId: number | null, total: boolean) => {
    let x = out.find((c) => c.indicatorId === indicatorId && c.total === total && (total || c.childId === childId));
    if (!x) out.push((x = { indicatorId, childId, total, actual: '0', denominator: '0' }));
    return x;
  };
  const topOf = new Map(tops.map((t) => [`${t.indicatorId}-${t.unitId}`, t.taskId]));
  for (const l of leaves) {
    const total = cellOf(l.indicator_id, null, true);
    if (topOf.get(`${l.indicator_id}-${unit.id}`) === l.task_id) total.rate = l.rate;
    else total.rateOnlyBelow = (total.rateOnlyBelow ?? 0) + 1;
    const rest = l.path.slice(unit.path.length);
    if (!rest) continue; // at the unit's own level: only its total knows it
    const childId = Number(rest.split('/')[0]);
    const row = cellOf(l.indicator_id, childId, false);
    if (topOf.get(`${l.indicator_id}-${childId}`) === l.task_id) row.rate = l.rate;
    else row.rateOnlyBelow = (row.rateOnlyBelow ?? 0) + 1;
  }
  return out;
}
