import type { TNotificationSettings, TUpdateNotificationSettingsRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';

/** The caller's own e-mail address for notifications, and whether this server sends e-mail at all. */
export async function getNotificationSettings(o: { db: TDatabase; auth: TAuth; emailEnabled: boolean }): Promise<TNotificationSettings> {
  const row = await o.db.selectFrom('user').select('email').where('id', '=', o.auth.userId).executeTakeFirst();
  return { email: row?.email ?? null, emailEnabled: o.emailEnabled };
}

/** Sets or clears it (audited without the address itself: who changed what, not the data). */
export async function updateNotificationSettings(o: {
  db: TDatabase;
  auth: TAuth;
  input: TUpdateNotificationSettingsRequest;
  emailEnabled: boolean;
}): Promise<TNotificationSettings> {
  const email = o.input.email === null ? null : o.input.email.trim();
  await o.db.transaction().execute(async (trx) => {
    await trx.updateTable('user').set({ email }).where('id', '=', o.auth.userId).execute();
    await appendAuditEvent(trx, {
      actorId: o.auth.userId,
      action: 'user.notification_email_changed',
      entity: 'user',
      entityId: o.auth.userId,
      details: { email: email ? 'set' : 'removed' },
    });
  });
  return getNotificationSettings(o);
}
