export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (limit: number) => [...importKeys.lists(), limit] as const,
  details: () => [...importKeys.all, 'detail'] as const,
  /** With every row (the preview table). */
  detail: (id: string) => [...importKeys.details(), id] as const,
  progresses: () => [...importKeys.all, 'progress'] as const,
  /** Status, counts and failures only: polled while the import is being scheduled. */
  progress: (id: string) => [...importKeys.progresses(), id] as const,
};

/** Where the browser downloads the template (the session cookie goes along). */
export const IMPORT_TEMPLATE_URL = '/api/imports/template.csv';
