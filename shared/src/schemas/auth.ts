import { z } from 'zod';
import { ZId, ZLocale, ZRole } from './common';

export const ZLoginRequest = z.object({
  username: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(64),
  password: z.string({ error: 'required' }).min(1, { error: 'required' }).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZOpdRef = z.object({ id: ZId, name: z.string(), code: z.string() });
export type TOpdRef = z.infer<typeof ZOpdRef>;

export const ZMe = z.object({
  id: ZId,
  username: z.string(),
  name: z.string(),
  role: ZRole,
  locale: ZLocale,
  timezone: z.string(),
  opds: z.array(ZOpdRef),
});
export type TMe = z.infer<typeof ZMe>;
