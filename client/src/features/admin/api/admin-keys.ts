export const adminKeys = {
  all: ['admin'] as const,
  opds: () => [...adminKeys.all, 'opds'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
};
