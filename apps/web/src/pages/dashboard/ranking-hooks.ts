import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { UnitQuery } from './dashboard-hooks';

export type Ranking = Answer<'/api/rankings', 'get'>;

/** Child units ranked by completion rate, then actual, then code; one indicator or all. */
export function useRanking(q: (UnitQuery & { indicatorId?: number }) | null) {
  return useQuery({
    queryKey: ['rankings', q],
    queryFn: () => unwrap<Ranking>(api.GET('/api/rankings', { params: { query: q! } })),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}
