import type { TAuditApiParams } from '../utils/audit-filters';

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (params: TAuditApiParams) => [...auditKeys.lists(), params] as const,
  actors: () => [...auditKeys.all, 'actors'] as const,
};
