import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { orderBySql, rankSql, SortablePageQuery } from './sorting';

const KEYS = ['name', 'createdAt'] as const;
class ListQuery extends SortablePageQuery(KEYS) {}
const COLUMNS = { name: 'c.name', createdAt: 'c.created_at' };

describe('server-side sorting', () => {
  it('accepts a listed key and direction, keeps paging defaults', () => {
    const q = plainToInstance(ListQuery, { sort: 'name', order: 'asc', page: '2' });
    expect(validateSync(q)).toEqual([]);
    expect(q.page).toBe(2);
    expect(q.pageSize).toBe(50);
    expect(orderBySql(q, COLUMNS, 'c.id DESC')).toBe('ORDER BY c.name ASC NULLS LAST, c.id DESC');
  });

  it('refuses a key the list does not offer, and a direction other than asc/desc, naming the field', () => {
    const errors = validateSync(plainToInstance(ListQuery, { sort: 'id; DROP TABLE campaign', order: 'up' }));
    expect(errors.map((e) => e.property).sort()).toEqual(['order', 'sort']);
  });

  it('sorts descending when only the key is given, and by the default order when nothing is', () => {
    expect(orderBySql({ sort: 'createdAt' }, COLUMNS, 'c.id DESC')).toBe('ORDER BY c.created_at DESC NULLS LAST, c.id DESC');
    expect(orderBySql({}, COLUMNS, 'c.id DESC')).toBe('ORDER BY c.id DESC');
  });

  it('never puts an unlisted key into SQL even if validation was skipped', () => {
    expect(orderBySql({ sort: 'toString' as 'name' }, COLUMNS, 'c.id')).toBe('ORDER BY c.id');
    expect(orderBySql({ sort: 'x' as 'name', order: 'asc' }, COLUMNS, 'c.id')).toBe('ORDER BY c.id');
  });

  it('ranks a coded value by its own order, quoting the constants', () => {
    expect(rankSql('c.status', ['draft', 'active'])).toBe("array_position(ARRAY['draft','active']::text[], c.status)");
    expect(rankSql('x', ["it's"])).toBe("array_position(ARRAY['it''s']::text[], x)");
  });
});
