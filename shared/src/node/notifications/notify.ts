import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TDatabase } from '../db/database';
import type { DB } from '../db/schema';
import { isoNow } from '../db/time';

type TExecutor = TDatabase | Transaction<DB>;

/** Who receives a notification; each active person at most once, whatever overlaps. */
export interface TAudience {
  /** Everyone with one of these roles (every OPD). */
  roles?: ('admin' | 'supervisor' | 'operator')[];
  /** The operators who are members of this OPD. */
  operatorsOf?: string;
  /** These people (still only while active). */
  userIds?: string[];
  /** Never these (the person who acted is not told what they did). */
  except?: string[];
}

export interface TNotificationInput {
  kind:
    | 'approval_requested'
    | 'post_approved'
    | 'post_rejected'
    | 'post_expired'
    | 'delivery_failed'
    | 'delivery_unconfirmed'
    | 'account_needs_reconnect';
  opdId?: string | null;
  postId?: string | null;
  accountId?: string | null;
  /** Names and short texts the message shows; never a secret. */
  params?: Record<string, string>;
}

async function recipients(db: TExecutor, audience: TAudience): Promise<{ id: string; email: string | null }[]> {
  const { roles = [], operatorsOf, userIds = [] } = audience;
  if (roles.length === 0 && !operatorsOf && userIds.length === 0) return [];
  const rows = await db
    .selectFrom('user')
    .select(['user.id', 'user.email'])
    .where('user.disabled', '=', 0)
    .where((eb) =>
      eb.or([
        ...(roles.length ? [eb('user.role', 'in', roles)] : []),
        ...(userIds.length ? [eb('user.id', 'in', userIds)] : []),
        ...(operatorsOf
          ? [
              eb.and([
                eb('user.role', '=', 'operator'),
                eb.exists(
                  eb
                    .selectFrom('membership')
                    .select('membership.user_id')
                    .whereRef('membership.user_id', '=', 'user.id')
                    .where('membership.opd_id', '=', operatorsOf),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .execute();
  const except = new Set(audience.except ?? []);
  return rows.filter((r) => !except.has(r.id)).map((r) => ({ id: r.id, email: r.email ?? null }));
}

/**
 * Writes one in-app notification per recipient, in the caller's transaction when given one (so
 * it commits with the change it tells about). Those with an e-mail address are also put in the
 * e-mail outbox (`email_state = 'pending'`); the server's mailer sends them when SMTP is set up.
 * Answers how many were written.
 */
export async function notify(db: TExecutor, audience: TAudience, input: TNotificationInput): Promise<number> {
  const people = await recipients(db, audience);
  if (people.length === 0) return 0;
  const now = isoNow();
  await db
    .insertInto('notification')
    .values(
      people.map((p) => ({
        id: randomUUID(),
        user_id: p.id,
        kind: input.kind,
        opd_id: input.opdId ?? null,
        post_id: input.postId ?? null,
        account_id: input.accountId ?? null,
        params: JSON.stringify(input.params ?? {}),
        created_at: now,
        read_at: null,
        email_state: p.email ? 'pending' : 'none',
        emailed_at: null,
      })),
    )
    .execute();
  return people.length;
}

/**
 * Marks an account as needing to be reconnected and tells its OPD's operators and the admins,
 * once: only the call that changes the status notifies (a burst of failing deliveries of one
 * account sends one notification, not one per delivery). Answers whether it changed.
 */
export async function flagAccountNeedsReconnect(db: TDatabase, accountId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('social_account')
      .set({ status: 'needs_reconnect', updated_at: isoNow() })
      .where('id', '=', accountId)
      .where('status', '!=', 'needs_reconnect')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return false;
    const account = await trx
      .selectFrom('social_account')
      .select(['opd_id', 'handle', 'platform'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    await notify(
      trx,
      { roles: ['admin'], operatorsOf: account.opd_id },
      { kind: 'account_needs_reconnect', opdId: account.opd_id, accountId, params: { handle: account.handle, platform: account.platform } },
    );
    return true;
  });
}
