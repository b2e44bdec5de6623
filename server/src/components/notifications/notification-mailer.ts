import nodemailer, { type Transporter } from 'nodemailer';
import type { TLocale } from '@siar/shared';
import type { TDatabase, TLogger } from '@siar/shared/node';
import { notificationEmail } from './notification-email';

export interface TNotificationMailer {
  /** False when no SMTP server is configured: notifications stay in the app. */
  readonly enabled: boolean;
  /** Sends what waits in the outbox, in the background. Never throws, never delays the caller. */
  kick(): void;
  /** Sends what waits now (the server's timer, tests); answers how many were sent. */
  drain(): Promise<number>;
  /** Drains every `everyMs` (worker-written notifications); the timer does not keep the process alive. */
  start(everyMs: number): void;
  stop(): void;
}

/** Older notifications are not e-mailed: turning SMTP on later must not send a backlog. */
const MAX_AGE_MS = 24 * 3600_000;
const BATCH = 50;

export interface TMailerOptions {
  db: TDatabase;
  logger: TLogger;
  /** A nodemailer transport (tests), else one made from smtpUrl; neither: e-mail is off. */
  transport?: Transporter;
  smtpUrl?: string | undefined;
  from?: string | undefined;
  /** Links in e-mails are absolute only when Siar's public address is known. */
  publicBaseUrl?: string | undefined;
}

/**
 * E-mail is an outbox read from the database: the server and the worker only write
 * notifications (email_state `pending` for people with an address); this sends them. Each is
 * claimed with a conditional update (`pending` → `sending`), so several servers never send one
 * twice; a failed send is logged and marked `failed`, never retried in a loop, and never fails
 * the action that caused it.
 */
export function createNotificationMailer(o: TMailerOptions): TNotificationMailer {
  const transport = o.transport ?? (o.smtpUrl ? nodemailer.createTransport(o.smtpUrl, o.from ? { from: o.from } : {}) : undefined);
  let running: Promise<number> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function sendOne(row: {
    id: string;
    kind: string;
    params: string;
    email: string | null | undefined;
    locale: TLocale;
    timezone: string;
  }): Promise<boolean> {
    const claimed = await o.db
      .updateTable('notification')
      .set({ email_state: 'sending' })
      .where('id', '=', row.id)
      .where('email_state', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    try {
      if (!row.email) throw new Error('no address');
      const mail = notificationEmail({
        kind: row.kind,
        params: row.params,
        locale: row.locale,
        timezone: row.timezone,
        publicBaseUrl: o.publicBaseUrl,
      });
      await transport!.sendMail({ ...(o.from ? { from: o.from } : {}), to: row.email, subject: mail.subject, text: mail.text });
      await o.db
        .updateTable('notification')
        .set({ email_state: 'sent', emailed_at: new Date().toISOString() })
        .where('id', '=', row.id)
        .execute();
      return true;
    } catch (err) {
      o.logger.warn(
        { notificationId: row.id, kind: row.kind, err: err instanceof Error ? err.message : String(err) },
        'notification e-mail not sent',
      );
      await o.db.updateTable('notification').set({ email_state: 'failed' }).where('id', '=', row.id).execute();
      return false;
    }
  }

  async function drainOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await o.db
        .selectFrom('notification')
        .innerJoin('user', 'user.id', 'notification.user_id')
        .select(['notification.id', 'notification.kind', 'notification.params', 'user.email', 'user.locale', 'user.timezone'])
        .where('notification.email_state', '=', 'pending')
        .where('notification.created_at', '>=', new Date(Date.now() - MAX_AGE_MS).toISOString())
        .orderBy('notification.created_at')
        .limit(BATCH)
        .execute();
      for (const row of rows) if (await sendOne(row)) sent += 1;
      if (rows.length < BATCH) return sent;
    }
  }

  async function drain(): Promise<number> {
    if (!transport) return 0;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drainOnce();
      } while (again);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const safeDrain = () => {
    void drain().catch((err: unknown) =>
      o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'notification e-mail outbox not drained'),
    );
  };

  return {
    enabled: Boolean(transport),
    kick: () => {
      if (transport) safeDrain();
    },
    drain,
    start(everyMs) {
      if (!transport || timer) return;
      timer = setInterval(safeDrain, everyMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
