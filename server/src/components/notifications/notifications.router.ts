import { Router } from 'express';
import { ZMarkNotificationsReadRequest, ZNotificationListQuery, ZUpdateNotificationSettingsRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { listNotifications } from './list-notifications';
import type { TNotificationMailer } from './notification-mailer';
import { getNotificationSettings, updateNotificationSettings } from './notification-settings';
import { countUnread, markRead } from './notifications.repository';

/** /api/notifications: each person's own, whatever their role (no other person's is reachable). */
export function notificationsRouter(deps: { db: TDatabase; mailer: TNotificationMailer }): Router {
  const { db } = deps;
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await listNotifications({ db, auth: req.auth!, query: parseInput(ZNotificationListQuery, req.query) }));
  });
  router.post('/read', async (req, res) => {
    const input = parseInput(ZMarkNotificationsReadRequest, req.body);
    await markRead(db, { userId: req.auth!.userId, ids: 'all' in input ? 'all' : input.ids, at: new Date().toISOString() });
    res.json({ unreadCount: await countUnread(db, req.auth!.userId) });
  });
  router.get('/settings', async (req, res) => {
    res.json(await getNotificationSettings({ db, auth: req.auth!, emailEnabled: deps.mailer.enabled }));
  });
  router.put('/settings', async (req, res) => {
    const input = parseInput(ZUpdateNotificationSettingsRequest, req.body);
    res.json(await updateNotificationSettings({ db, auth: req.auth!, input, emailEnabled: deps.mailer.enabled }));
  });
  return router;
}
