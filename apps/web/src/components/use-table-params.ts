import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useSearchParams } from 'react-router';

/**
 * Paging, sorting and filters of a server-side list, kept in the URL (?page=2&pageSize=20&sort=name&order=desc&status=active),
 * so a reload or a shared link shows the same screen. `query` goes straight into the API call's query;
 * `onTableChange` is the antd Table's onChange; `setFilter` is for filter controls above the table.
 * `sorts` are the list's sort keys (its query's `sort` in the generated schema): a column sorts by its `key`, else its
 * dataIndex (`...sortable('name')` gives `key, sorter: true, sortOrder: sortOrderOf('name')`); a key the list does not offer (an old link) is ignored.
 */
export function useTableParams<F extends string, S extends string = never>(filters: readonly F[], defaults = { pageSize: 20 }, sorts: readonly S[] = []) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || defaults.pageSize;
  const sort = sorts.find((k) => k === params.get('sort'));
  const order = params.get('order') === 'asc' ? ('asc' as const) : ('desc' as const);
  const filterValues = Object.fromEntries(filters.map((f) => [f, params.get(f) ?? undefined])) as Record<F, string | undefined>;

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );

  const sortOrderOf = (field: S) => (sort === field ? (order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);

  return {
    query: { page, pageSize, ...(sort ? { sort, order } : {}), ...filterValues },
    filters: filterValues,
    pagination: { current: page, pageSize, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (t: number) => `共 ${t} 条` },
    setFilter: (name: F, value: string | undefined) => update({ [name]: value, page: undefined }),
    /** Several filters in one URL change (two setFilter calls in a row would each start from the same URL). */
    setFilters: (changes: Partial<Record<F | 'sort' | 'order', string | undefined>>) => update({ ...changes, page: undefined }),
    onTableChange: <Row>(p: TablePaginationConfig, _f: unknown, s: SorterResult<Row> | SorterResult<Row>[]) => {
      const one = Array.isArray(s) ? s[0] : s;
      update({
        page: p.current === 1 ? undefined : p.current,
        pageSize: p.pageSize === defaults.pageSize ? undefined : p.pageSize,
        sort: one?.order ? String(one.column?.key ?? one.field ?? one.columnKey) : undefined,
        order: one?.order ? (one.order === 'ascend' ? 'asc' : 'desc') : undefined,
      });
    },
    sortOrderOf,
    /** A sortable column's props: `{ title, dataIndex, ...t.sortable('name') }`. */
    sortable: (key: S) => ({ key, sorter: true, sortOrder: sortOrderOf(key) }),
  };
}
