import type { TPostCheckRequest } from '@siar/shared';

export interface TPostListFilters {
  limit?: number;
}

export const postKeys = {
  all: ['posts'] as const,
  lists: () => [...postKeys.all, 'list'] as const,
  list: (filters: TPostListFilters) => [...postKeys.lists(), filters] as const,
  details: () => [...postKeys.all, 'detail'] as const,
  detail: (id: string) => [...postKeys.details(), id] as const,
  checks: () => [...postKeys.all, 'check'] as const,
  /** The server words its warnings in the request's language: another language, another answer. */
  check: (input: TPostCheckRequest, language: string) => [...postKeys.checks(), language, input] as const,
};
