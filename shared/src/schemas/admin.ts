import { z } from 'zod';
import { ZOpdRef } from './auth';
import { ZId, ZRole } from './common';

/** Length counted in characters (code points), as a person counts them. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * A new password: long enough, no composition rules. Whether it is a common one is checked on
 * the server against its list (the list stays out of the client bundle).
 */
export const ZNewPassword = z
  .string({ error: 'required' })
  .max(PASSWORD_MAX_LENGTH, { error: 'password_too_long' })
  .refine((p) => [...p].length >= PASSWORD_MIN_LENGTH, { error: 'password_too_short' });

export const ZUsername = z
  .string({ error: 'required' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, { error: 'username_format' });

const ZPersonName = z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(120, { error: 'too_big' });
const ZOpdName = z.string({ error: 'required' }).trim().min(2, { error: 'too_small' }).max(200, { error: 'too_big' });
/** Stored upper-case: "dinkes" and "DINKES" are the same agency. */
const ZOpdCode = z
  .string({ error: 'required' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/, { error: 'opd_code_format' })
  .transform((c) => c.toUpperCase());
const ZWeeklyTarget = z
  .number({ error: 'invalid_type' })
  .int({ error: 'invalid_type' })
  .min(0, { error: 'too_small' })
  .max(1_000, { error: 'too_big' });
const ZOpdIds = z
  .array(ZId, { error: 'invalid_type' })
  .max(100, { error: 'too_big' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'duplicate_opds' });

export const ZCreateOpdRequest = z.object({
  name: ZOpdName,
  code: ZOpdCode,
  requiresApproval: z.boolean({ error: 'invalid_type' }).default(false),
  weeklyTarget: ZWeeklyTarget.default(0),
});
export type TCreateOpdRequest = z.infer<typeof ZCreateOpdRequest>;

export const ZUpdateOpdRequest = z
  .object({
    name: ZOpdName.optional(),
    code: ZOpdCode.optional(),
    requiresApproval: z.boolean({ error: 'invalid_type' }).optional(),
    weeklyTarget: ZWeeklyTarget.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { error: 'nothing_to_change' });
export type TUpdateOpdRequest = z.infer<typeof ZUpdateOpdRequest>;

export const ZAdminAccountRef = z.object({
  id: ZId,
  platform: z.string(),
  handle: z.string(),
  displayName: z.string(),
  status: z.string(),
});

export const ZAdminOpd = z.object({
  id: ZId,
  name: z.string(),
  code: z.string(),
  requiresApproval: z.boolean(),
  weeklyTarget: z.number().int(),
  createdAt: z.string(),
  /** Operators who are members (active ones). */
  operatorCount: z.number().int(),
  accounts: z.array(ZAdminAccountRef),
});
export type TAdminOpd = z.infer<typeof ZAdminOpd>;

export const ZCreateUserRequest = z.object({
  username: ZUsername,
  name: ZPersonName,
  password: ZNewPassword,
  role: ZRole,
  /** Memberships matter for operators only: other roles see every OPD and keep none. */
  opdIds: ZOpdIds.default([]),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({ name: ZPersonName.optional(), role: ZRole.optional(), opdIds: ZOpdIds.optional() })
  .refine((b) => b.name !== undefined || b.role !== undefined || b.opdIds !== undefined, { error: 'nothing_to_change' });
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZAdminUser = z.object({
  id: ZId,
  username: z.string(),
  name: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  createdAt: z.string(),
  opds: z.array(ZOpdRef),
});
export type TAdminUser = z.infer<typeof ZAdminUser>;

/** Shown once to the admin, who hands it over; only its hash is stored. */
export const ZResetLink = z.object({ url: z.string(), expiresAt: z.string() });
export type TResetLink = z.infer<typeof ZResetLink>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string({ error: 'required' }).min(1, { error: 'required' }).max(PASSWORD_MAX_LENGTH, { error: 'password_too_long' }),
  newPassword: ZNewPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

const ZResetToken = z.string({ error: 'invalid_reset_link' }).regex(/^[A-Za-z0-9_-]{43}$/, { error: 'invalid_reset_link' });

export const ZResetTokenRequest = z.object({ token: ZResetToken });
export type TResetTokenRequest = z.infer<typeof ZResetTokenRequest>;

export const ZResetPasswordRequest = z.object({ token: ZResetToken, newPassword: ZNewPassword });
export type TResetPasswordRequest = z.infer<typeof ZResetPasswordRequest>;

/** Who the link is for, so the page can greet them before they choose a password. */
export const ZResetLinkInfo = z.object({ username: z.string(), name: z.string(), expiresAt: z.string() });
export type TResetLinkInfo = z.infer<typeof ZResetLinkInfo>;
