import { z } from 'zod';
import { ZId } from './common';

export const ZPlatformId = z.enum(['x', 'facebook', 'instagram']);
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
  /**
   * When the account's access ends unless a person connects it again (a grant Siar cannot
   * refresh, e.g. Facebook Login's long-lived token); null when Siar keeps it fresh itself.
   */
  reconnectBy: z.string().nullable().optional(),
});
export type TAccount = z.infer<typeof ZAccount>;

/** How many days before `reconnectBy` people are reminded to reconnect. */
export const RECONNECT_REMINDER_DAYS = 7;

/**
 * One account a consent gave access to, offered for the person to choose (one Facebook Login
 * covers several Pages and their Instagram accounts). `connected` names the Siar account it
 * already is, if any: choosing it again reconnects that account, in its own OPD.
 */
export const ZConnectCandidate = z.object({
  platform: ZPlatformId,
  externalId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  /** The account it belongs to on the platform (an Instagram account's Facebook Page). */
  linkedTo: z.string().nullable(),
  connected: z.object({ accountId: ZId, opdId: ZId, opdName: z.string(), status: ZAccountStatus }).nullable(),
  /** False when it is connected to an OPD outside the person's scope. */
  selectable: z.boolean(),
});
export type TConnectCandidate = z.infer<typeof ZConnectCandidate>;

/** `GET /api/accounts/connect/:grant/:id`: a pending choice, single use, short-lived. */
export const ZConnectChoices = z.object({
  id: ZId,
  grant: z.string(),
  /** The OPD chosen when the connect started: the default for new accounts. */
  opdId: ZId,
  expiresAt: z.string(),
  candidates: z.array(ZConnectCandidate),
  /** The OPDs this person may add accounts to (operators: their own). */
  opds: z.array(z.object({ id: ZId, name: z.string() })),
});
export type TConnectChoices = z.infer<typeof ZConnectChoices>;

/** `POST /api/accounts/connect/:grant/:id`: the accounts to add, each to an OPD. */
export const ZAddChosenAccountsRequest = z.object({
  accounts: z
    .array(z.object({ platform: ZPlatformId, externalId: z.string().min(1).max(64), opdId: ZId }).strict())
    .min(1, { error: 'accounts_required' })
    .max(50, { error: 'too_many_accounts' })
    .refine((list) => new Set(list.map((a) => `${a.platform}:${a.externalId}`)).size === list.length, { error: 'duplicate_accounts' }),
});
export type TAddChosenAccountsRequest = z.infer<typeof ZAddChosenAccountsRequest>;
