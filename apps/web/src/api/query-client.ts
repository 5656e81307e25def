import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './errors';

/**
 * Server state lives here. A refused call (4xx) is not tried again: the screen shows the API's message; a network
 * failure or an outage (5xx, 503 while PostgreSQL restarts) is tried twice more.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, e) => failures < 2 && (!(e instanceof ApiError) || e.status === 0 || e.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
