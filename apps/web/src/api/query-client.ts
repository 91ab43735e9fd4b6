import {
  MutationCache,
  QueryCache,
  QueryClient,
  type QueryClientConfig,
} from '@tanstack/react-query';
import type { Session } from '@targetline/contract';
import { ApiError } from './client';
import { sessionQueries } from './queries';

/**
 * Forgets everything the previous user could see and marks the session as gone,
 * which shows the log-in page. The session entry is set rather than removed so
 * that the component watching it re-renders.
 */
export function resetToLoggedOut(queryClient: QueryClient) {
  queryClient.setQueryData<Session | null>(sessionQueries.current().queryKey, null);
  void queryClient.cancelQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  queryClient.getMutationCache().clear();
}

/** The session's CSRF token, for the header every write must carry. */
export function csrfTokenOf(queryClient: QueryClient): string | undefined {
  return queryClient.getQueryData<Session | null>(sessionQueries.current().queryKey)?.csrfToken;
}

/** Retries once after a network or server failure; a 4xx answer will not change on its own. */
export function retryOnceUnlessClientError(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

/**
 * The app's query client: any 401, from a query or a mutation, means the session
 * expired or was ended elsewhere, so the app returns to the log-in page.
 */
export function createQueryClient(
  config: Omit<QueryClientConfig, 'queryCache' | 'mutationCache'> = {},
) {
  const queryClient: QueryClient = new QueryClient({
    ...config,
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) resetToLoggedOut(queryClient);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        // A failed log-in is a 401 too, and is the login form's to explain.
        if (isUnauthorized(error) && mutation.options.meta?.isLogin !== true) {
          resetToLoggedOut(queryClient);
        }
      },
    }),
  });
  return queryClient;
}
