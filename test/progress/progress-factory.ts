import { TaskSpec } from '../helpers/factories';

/** The small city's count split used across the progress suites: C1 total -> D1 60 % (T1 60 % -> V1 30 %, V2 30 %), D2 40 % (T2 40 %). */
export function countSplit(total: number): TaskSpec {
  const share = (pct: number) => (total * pct) / 100;
  return {
    unit: 'C1',
    target: total,
    children: [
      {
        unit: 'D1',
        target: share(60),
        children: [
          {
            unit: 'T1',
            target: share(60),
            children: [
              { unit: 'V1', target: share(30) },
              { unit: 'V2', target: share(30) },
            ],
          },
        ],
      },
      { unit: 'D2', target: share(40), children: [{ unit: 'T2', target: share(40) }] },
    ],
  };
}

/** A ratio target copied down the same tree (ratios are not split). */
export function ratioSplit(target: number): TaskSpec {
  const copy = (spec: TaskSpec): TaskSpec => ({ unit: spec.unit, target, ...(spec.children ? { children: spec.children.map(copy) } : {}) });
  return copy(countSplit(100));
}
