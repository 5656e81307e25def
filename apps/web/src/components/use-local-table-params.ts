import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';

/**
 * useTableParams' paging, sorting and filters in the component's state rather than the URL: for a table on a page whose
 * URL another table owns (the home page's tasks beside its campaigns, a drawer's list). Same shape as useTableParams:
 * `sorts` are the list's sort keys from the generated schema (a column sorts by its `key`, else its dataIndex; a key not
 * in `sorts` leaves the list in its default order); `setFilter` goes back to the first page.
 */
export function useLocalTableParams<F extends string, S extends string = never>(
  filters: readonly F[],
  pageSize: number,
  sorts: readonly S[] = [],
  pageSizeOptions: readonly number[] = [10, 20, 50],
) {
  const [state, setState] = useState<{ page: number; pageSize: number; sort?: S; order?: 'asc' | 'desc'; filters: Partial<Record<F, string>> }>({
    page: 1,
    pageSize,
    filters: {},
  });
  const sortOrderOf = (key: S) => (state.sort === key ? (state.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  return {
    query: { page: state.page, pageSize: state.pageSize, ...(state.sort ? { sort: state.sort, order: state.order } : {}) },
    filters: Object.fromEntries(filters.map((f) => [f, state.filters[f]])) as Record<F, string | undefined>,
    pagination: {
      current: state.page,
      pageSize: state.pageSize,
      showSizeChanger: true,
      pageSizeOptions: [...pageSizeOptions],
      showTotal: (n: number) => `共 ${n} 条`,
    },
    setFilter: (name: F, value: string | undefined) => setState((s) => ({ ...s, filters: { ...s.filters, [name]: value }, page: 1 })),
    /** Back to the first page, no order and no filters (a drawer closed on one list and opened on another). */
    reset: () => setState({ page: 1, pageSize, filters: {} }),
    onTableChange: <Row>(p: TablePaginationConfig, _f: unknown, sorter: SorterResult<Row> | SorterResult<Row>[]) => {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const sort = one?.order ? sorts.find((k) => k === String(one.column?.key ?? one.field)) : undefined;
      setState((s) => ({ ...s, page: p.current ?? 1, pageSize: p.pageSize ?? s.pageSize, sort, order: one?.order === 'ascend' ? 'asc' : 'desc' }));
    },
    sortOrderOf,
    sortable: (key: S) => ({ key, sorter: true, sortOrder: sortOrderOf(key) }),
  };
}
