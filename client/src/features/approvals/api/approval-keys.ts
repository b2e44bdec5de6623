export const approvalKeys = {
  all: ['approvals'] as const,
  lists: () => [...approvalKeys.all, 'list'] as const,
  count: () => [...approvalKeys.all, 'count'] as const,
  watchWords: () => [...approvalKeys.all, 'watch-words'] as const,
};
