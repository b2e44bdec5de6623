import type { TLocale, TRole } from '@siar/shared';

/**
 * Who is asking, passed to every use case instead of `req`. `opdIds` is null for roles that
 * see every OPD; for operators it lists their OPDs, and every query filters by it.
 */
export interface TAuth {
  userId: string;
  username: string;
  name: string;
  role: TRole;
  locale: TLocale;
  timezone: string;
  opdIds: string[] | null;
  sessionHash: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: TAuth;
  }
}
