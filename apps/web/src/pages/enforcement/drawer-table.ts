import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';

interface DrawerTableState<S extends string> {
  page: number;
  pageSize: number;
  sort?: S;
  order?: 'asc' | 'desc';
}

/**
 * Paging and sorting of a server-side table inside a drawer (the page's own table keeps its state in the URL through
 * useTableParams; a drawer's would clash with it): `query` goes into the API call, `onChange` is the Table's.
 */
export function useDrawerTable<S extends string>(pageSize = 20) {
  const [state, setState] = useState<DrawerTableState<S>>({ page: 1, pageSize });
  return {
    query: state,
    pagination: {
      current: state.page,
      pageSize: state.pageSize,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
    } satisfies TablePaginationConfig,
    onChange: <Row>(p: TablePaginationConfig, _f: unknown, s: SorterResult<Row> | SorterResult<Row>[]) => {
      const one = Array.isArray(s) ? s[0] : s;
      setState({
        page: p.current ?? 1,
        pageSize: p.pageSize ?? pageSize,
        sort: one?.order ? (String(one.field ?? one.columnKey) as S) : undefined,
        order: one?.order ? (one.order === 'ascend' ? 'asc' : 'desc') : undefined,
      });
    },
    sortOrderOf: (field: S) => (state.sort === field ? (state.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null),
    /** back to the first page (a filter changed) */
    firstPage: () => setState((s) => ({ ...s, page: 1 })),
    reset: () => setState({ page: 1, pageSize }),
  };
}
