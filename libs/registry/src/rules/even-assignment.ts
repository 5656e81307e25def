/** A cadre and the entries they already hold outside the set being spread. */
export interface CadreLoad {
  cadreId: number;
  load: number;
}

/** An entry being spread, in id order, with its current cadre. */
export interface SpreadEntry {
  id: string;
  cadreId: number | null;
}

/**
 * How many of `count` entries each cadre takes so that the loads end as level as possible: one
 * entry at a time to the least loaded cadre, the earlier cadre on a tie (water filling). Cadres with
 * 5, 0 and 1 entries taking 7 new ones take 0, 4 and 3 (ending at 5, 4, 4).
 */
export function levelQuotas(loads: number[], count: number): number[] {
  const total = loads.slice();
  const quotas = loads.map(() => 0);
  for (let k = 0; k < count; k++) {
    let min = 0;
    for (let c = 1; c < total.length; c++) if (total[c] < total[min]) min = c;
    total[min]++;
    quotas[min]++;
  }
  return quotas;
}

/**
 * Spreads `entries` (in id order) over `cadres` (in order) so that each cadre's load (entries it
 * holds outside this set plus those it gets) ends as level as possible, moving as few entries as
 * the levels allow: an entry stays with its cadre while that cadre's share has room; the others go
 * round robin by their position in the set (entry k first tries cadre k mod n), skipping full shares.
 * Returns the cadre of every entry, in entry order.
 */
export function spreadEvenly(entries: SpreadEntry[], cadres: CadreLoad[]): number[] {
  if (!cadres.length) throw new Error('no cadre to spread over');
  const room = levelQuotas(
    cadres.map((c) => c.load),
    entries.length,
  );
  const slot = new Map(cadres.map((c, i) => [c.cadreId, i]));
  const result: (number | null)[] = entries.map(() => null);
  entries.forEach((e, k) => {
    const i = e.cadreId === null ? undefined : slot.get(e.cadreId);
    if (i !== undefined && room[i] > 0) {
      room[i]--;
      result[k] = e.cadreId;
    }
  });
  const n = cadres.length;
  entries.forEach((_e, k) => {
    if (result[k] !== null) return;
    for (let t = 0; t < n; t++) {
      const i = (k + t) % n;
      if (room[i] > 0) {
        room[i]--;
        result[k] = cadres[i].cadreId;
        return;
      }
    }
  });
  return result as number[];
}
