import { levelQuotas, spreadEvenly } from './even-assignment';

describe('even assignment levels the cadres’ loads', () => {
  it('gives each new entry to the least loaded cadre, the earlier one on a tie', () => {
    // loads 5, 0, 1 + 7 new: 0,1,1 -> 2nd; 5,1,1 -> tie 2nd/3rd -> 2nd; ... ends 5, 4, 4
    expect(levelQuotas([5, 0, 1], 7)).toEqual([0, 4, 3]);
    // with 6 new the last one is missing: ends 5, 4, 3
    expect(levelQuotas([5, 0, 1], 6)).toEqual([0, 4, 2]);
    // no load: 5 over 2 -> 3 and 2
    expect(levelQuotas([0, 0], 5)).toEqual([3, 2]);
    expect(levelQuotas([2, 2, 2], 0)).toEqual([0, 0, 0]);
  });

  it('spreads new entries round robin by position, skipping full shares', () => {
    const entries = ['1', '2', '3', '4', '5', '6', '7'].map((id) => ({ id, cadreId: null }));
    const cadres = [
      { cadreId: 10, load: 5 },
      { cadreId: 20, load: 0 },
      { cadreId: 30, load: 1 },
    ];
    // shares 0, 4, 3. entry k tries cadre k mod 3: 1 -> 10 full -> 20; 2 -> 20; 3 -> 30; 4 -> 10 full -> 20;
    // 5 -> 20 (its 4th); 6 -> 30; 7 -> 10 full, 20 full -> 30
    expect(spreadEvenly(entries, cadres)).toEqual([20, 20, 30, 20, 20, 30, 30]);
  });

  it('leaves an entry with its cadre while that share has room, and moves only the excess', () => {
    const cadres = [
      { cadreId: 10, load: 0 },
      { cadreId: 20, load: 0 },
    ];
    // three entries all with cadre 10; shares 2 and 1: the first two stay, the third (position 2 -> cadre 10, full) goes to 20
    expect(
      spreadEvenly(
        [
          { id: '1', cadreId: 10 },
          { id: '2', cadreId: 10 },
          { id: '3', cadreId: 10 },
        ],
        cadres,
      ),
    ).toEqual([10, 10, 20]);
    // a cadre that is not one of the village's (99, say inactive) counts as no cadre
    expect(
      spreadEvenly(
        [
          { id: '1', cadreId: 99 },
          { id: '2', cadreId: 20 },
        ],
        cadres,
      ),
    ).toEqual([10, 20]);
  });

  it('refuses to spread over no cadre', () => {
    expect(() => spreadEvenly([{ id: '1', cadreId: null }], [])).toThrow('no cadre');
  });
});
