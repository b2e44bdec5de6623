import { z } from 'zod';
import { ZId } from './common';

export const ZPlatformId = z.enum(['x']);
export type TPlatformId = z.infer<typeof ZPlatformId>;

export const ZAccountStatus = z.enum(['active', 'needs_reconnect', 'disabled']);

/** A connected platform account as the API shows it: never its credentials. */
export const ZAccount = z.object({
  id: ZId,
  opdId: ZId,
  opdName: z.string(),
  platform: ZPlatformId,
  externalId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  status: ZAccountStatus,
});
export type TAccount = z.infer<typeof ZAccount>;
