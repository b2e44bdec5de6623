export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: () => [...accountKeys.lists(), 'all'] as const,
  spends: () => [...accountKeys.all, 'spend'] as const,
  spend: (month: string) => [...accountKeys.spends(), month] as const,
  connectChoices: (grant: string, id: string) => [...accountKeys.all, 'connect-choices', grant, id] as const,
};
