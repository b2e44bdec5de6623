import { formatInZone, type TLocale } from '@siar/shared';
import { translate } from '../../libraries/i18n/messages';
import { notificationLink } from './notification-link';
import { parseNotificationParams } from './notification-params';

/** The subject and plain-text body of a notification's e-mail, in the recipient's language. */
export function notificationEmail(o: {
  kind: string;
  params: string;
  locale: TLocale;
  timezone: string;
  publicBaseUrl?: string | undefined;
}): { subject: string; text: string } {
  const params = parseNotificationParams(o.params);
  // Times read in the recipient's zone, as in the app ("05/12/2026 08:00 WIB").
  if (params.scheduledAt && !Number.isNaN(Date.parse(params.scheduledAt)))
    params.scheduledAt = formatInZone(params.scheduledAt, o.timezone);
  const subject = translate(o.locale, `notification.${o.kind}.subject`, params) ?? o.kind;
  const body = translate(o.locale, `notification.${o.kind}.body`, params) ?? subject;
  const link = o.publicBaseUrl ? `\n\n${o.publicBaseUrl.replace(/\/$/, '')}${notificationLink(o.kind)}` : '';
  const footer = translate(o.locale, 'notification.footer') ?? '';
  return { subject: `[Siar] ${subject}`, text: `${body}${link}\n\n-- \n${footer}\n` };
}
