export const queueKeys = {
  all: ['queue'] as const,
  lists: () => [...queueKeys.all, 'list'] as const,
  list: (days: number) => [...queueKeys.lists(), days] as const,
};
