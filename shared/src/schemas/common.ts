import { z } from 'zod';

export const ZId = z.string().min(1).max(64);
export const ZIsoInstant = z.iso.datetime({ offset: true, error: 'invalid_datetime' });
export const ZRole = z.enum(['admin', 'supervisor', 'operator']);
export type TRole = z.infer<typeof ZRole>;
export const ZLocale = z.enum(['id', 'en']);
export type TLocale = z.infer<typeof ZLocale>;

export function ZList<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
