import type { Transaction } from 'kysely';
import { notify, queueAuditEvent, type DB } from '@siar/shared/node';

export interface TDeliveryOutcome {
  deliveryId: string;
  status: 'published' | 'failed' | 'unconfirmed';
  url?: string;
  error?: { kind: string; message: string };
  /** What the publisher read with its claim: a published outcome then needs no read (no one is notified). */
  known?: TKnownDelivery | undefined;
}

/** The delivery's post and account, as read when it was claimed (none of it changes under a claim). */
export interface TKnownDelivery {
  postId: string;
  opdId: string;
  accountId: string;
  handle: string;
  platform: string;
}

/**
 * A delivery's outcome on its post's audit trail and, when a person must act (failed,
 * unconfirmed), in the notifications of the account's OPD's operators. Called inside the
 * transaction that commits the outcome, after the fenced write succeeded, so it is recorded
 * exactly when the outcome is: one read (none for a published outcome given what the claim read),
 * one insert per operator notified, one audit event queued for the chain.
 */
export async function recordDeliveryOutcome(trx: Transaction<DB>, o: TDeliveryOutcome): Promise<void> {
  if (o.status === 'published' && o.known) {
    const k = o.known;
    await queueOutcomeEvent(trx, o, { post_id: k.postId, opd_id: k.opdId, account_id: k.accountId, handle: k.handle, platform: k.platform });
    return;
  }
  const d = await trx
    .selectFrom('delivery')
    .innerJoin('post', 'post.id', 'delivery.post_id')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select([
      'delivery.post_id',
      'delivery.account_id',
      'post.opd_id',
      'post.text',
      'social_account.opd_id as account_opd_id',
      'social_account.handle',
      'social_account.platform',
    ])
    .where('delivery.id', '=', o.deliveryId)
    .executeTakeFirst();
  if (!d) return;
  if (o.status !== 'published') {
    const params = {
      handle: d.handle,
      platform: d.platform,
      excerpt: d.text.slice(0, 80),
      errorKind: o.error?.kind ?? '',
      error: (o.error?.message ?? '').slice(0, 200),
    };
    await notify(
      trx,
      { operatorsOf: d.account_opd_id },
      {
        kind: o.status === 'failed' ? 'delivery_failed' : 'delivery_unconfirmed',
        opdId: d.account_opd_id,
        postId: d.post_id,
        accountId: d.account_id,
        params,
      },
    );
  }
  await queueOutcomeEvent(trx, o, d);
}

type TOutcomeSubject = { post_id: string; opd_id: string; account_id: string; handle: string; platform: string };

async function queueOutcomeEvent(trx: Transaction<DB>, o: TDeliveryOutcome, d: TOutcomeSubject): Promise<void> {
  await queueAuditEvent(trx, {
    actorId: null,
    action: `post.${o.status}`,
    entity: 'post',
    entityId: d.post_id,
    opdId: d.opd_id,
    details: {
      deliveryId: o.deliveryId,
      accountId: d.account_id,
      handle: d.handle,
      platform: d.platform,
      ...(o.url ? { url: o.url } : {}),
      ...(o.error ? { errorKind: o.error.kind, error: o.error.message } : {}),
    },
  });
}
