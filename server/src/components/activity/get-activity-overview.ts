import { ACTIVITY_REPEATED_FAILURES, AppError, activityWeeksOf, type TActivityAccount, type TActivityOpd, type TActivityQuery, type TActivityResponse } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccountActivity, findAccountEngagement, findActivityOpds, findFirstReviews, findOpdPostCounts, findTopPosts, findWeeklyPublished } from './activity.repository';
import { approvalMinutes } from './approval-turnaround';

const DAY_MS = 24 * 3600_000;
const TOP_POSTS = 5;
const EXCERPT = 140;

/**
 * The OPDs the caller may see, narrowed by the filter. An OPD outside the caller's (or one that
 * does not exist) answers 404 rather than an empty page: no existence leak, no silent mistake.
 */
export async function scopeOpds(db: TDatabase, auth: TAuth, opdId: string | undefined) {
  if (opdId && auth.opdIds && !auth.opdIds.includes(opdId)) throw new AppError('not_found');
  const opds = await findActivityOpds(db, opdId ? [opdId] : auth.opdIds);
  if (opdId && opds.length === 0) throw new AppError('not_found');
  return opds;
}

function age(last: string | null, ref: number): number | null {
  return last ? Math.max(0, Math.floor((ref - Date.parse(last)) / DAY_MS)) : null;
}

/**
 * Per OPD and account over [from, to). Counts and "last published" are taken as of `ref`, the
 * period's end or now when that is earlier, so a past month reads as it stood at its end.
 */
export async function getActivityOverview(o: { db: TDatabase; auth: TAuth; query: TActivityQuery; inactiveDays: number; now?: Date }): Promise<TActivityResponse> {
  const now = (o.now ?? new Date()).getTime();
  const from = new Date(o.query.from).toISOString();
  const to = new Date(o.query.to).toISOString();
  const refMs = Math.min(now, Date.parse(to));
  const ref = new Date(refMs).toISOString();
  const nowIso = new Date(now).toISOString();
  const opds = await scopeOpds(o.db, o.auth, o.query.opdId);
  const opdIds = opds.map((opd) => opd.id);
  const weeks = activityWeeksOf(from, to);

  const [accounts, postCounts, weekly, reviews, engagement, top] = await Promise.all([
    findAccountActivity(o.db, { opdIds, from, to, now: nowIso, ref }),
    findOpdPostCounts(o.db, { opdIds, from, to, now: nowIso }),
    findWeeklyPublished(o.db, { opdIds, weeks }),
    findFirstReviews(o.db, { opdIds, from, to }),
    findAccountEngagement(o.db, { opdIds, from, to }),
    findTopPosts(o.db, { opdIds, from, to, limit: TOP_POSTS }),
  ]);
  const engagementOf = new Map(engagement.map((e) => [e.account_id, { likes: Number(e.likes), reposts: Number(e.reposts), replies: Number(e.replies) }]));
  const medians = await approvalMinutes(o.db, reviews);
  const inactiveBefore = refMs - o.inactiveDays * DAY_MS;

  const byOpd = new Map<string, TActivityAccount[]>();
  for (const a of accounts) {
    const failed = Number(a.failed);
    const lastThree = [a.last0, a.last1, a.last2];
    const item: TActivityAccount = {
      id: a.id,
      opdId: a.opd_id,
      platform: a.platform,
      handle: a.handle,
      displayName: a.display_name,
      status: a.status,
      published: Number(a.published),
      scheduledAhead: Number(a.scheduled_ahead),
      failed,
      lastPublishedAt: a.last_published_at,
      lastPublishedAgeDays: age(a.last_published_at, refMs),
      medianApprovalMinutes: medians.byAccount.get(a.id) ?? null,
      flags: {
        inactive: !a.last_published_at || Date.parse(a.last_published_at) < inactiveBefore,
        repeatedFailures: failed >= ACTIVITY_REPEATED_FAILURES || lastThree.every((s) => s === 'failed' || s === 'unconfirmed'),
        needsReconnect: a.status === 'needs_reconnect',
      },
      engagement: engagementOf.get(a.id) ?? { likes: 0, reposts: 0, replies: 0 },
    };
    const list = byOpd.get(a.opd_id);
    if (list) list.push(item);
    else byOpd.set(a.opd_id, [item]);
  }
  const countOf = (rows: { opd_id: string; n: unknown }[]) => new Map(rows.map((r) => [r.opd_id, Number(r.n)]));
  const published = countOf(postCounts.published);
  const ahead = countOf(postCounts.ahead);
  const failedPosts = countOf(postCounts.failed);
  const weekCounts = new Map(weekly.map((w) => [`${w.opd_id}|${Number(w.i)}`, Number(w.n)]));

  const items = opds.map((opd): TActivityOpd => {
    const list = byOpd.get(opd.id) ?? [];
    const last = list.reduce<string | null>((max, a) => (a.lastPublishedAt && (!max || a.lastPublishedAt > max) ? a.lastPublishedAt : max), null);
    const target = Number(opd.weekly_target);
    const opdWeeks = weeks.map((w, i) => {
      const n = weekCounts.get(`${opd.id}|${i}`) ?? 0;
      return { start: w.start, published: n, met: n >= target, complete: Date.parse(w.to) <= now };
    });
    const done = opdWeeks.filter((w) => w.complete);
    const targetMet = target <= 0 ? null : done.length > 0 ? done.every((w) => w.met) : opdWeeks.some((w) => w.met) ? true : null;
    return {
      id: opd.id,
      name: opd.name,
      code: opd.code,
      weeklyTarget: target,
      requiresApproval: Number(opd.requires_approval) === 1,
      published: published.get(opd.id) ?? 0,
      scheduledAhead: ahead.get(opd.id) ?? 0,
      failed: failedPosts.get(opd.id) ?? 0,
      lastPublishedAt: last,
      lastPublishedAgeDays: age(last, refMs),
      medianApprovalMinutes: medians.byOpd.get(opd.id) ?? null,
      flags: {
        inactive: !last || Date.parse(last) < inactiveBefore,
        repeatedFailures: list.some((a) => a.flags.repeatedFailures),
        needsReconnect: list.some((a) => a.flags.needsReconnect),
      },
      engagement: list.reduce((sum, a) => ({ likes: sum.likes + (a.engagement?.likes ?? 0), reposts: sum.reposts + (a.engagement?.reposts ?? 0), replies: sum.replies + (a.engagement?.replies ?? 0) }), { likes: 0, reposts: 0, replies: 0 }),
      weeks: opdWeeks,
      targetMet,
      accounts: list,
    };
  });
  const topPosts = top.map((p) => ({
    postId: p.post_id,
    opdId: p.opd_id,
    opdName: p.opd_name,
    excerpt: p.text.length > EXCERPT ? `${p.text.slice(0, EXCERPT - 1)}…` : p.text,
    publishedAt: p.published_at,
    externalUrl: p.external_url,
    likes: Number(p.likes),
    reposts: Number(p.reposts),
    replies: Number(p.replies),
  }));
  return { from, to, generatedAt: nowIso, inactiveDays: o.inactiveDays, opds: items, topPosts };
}
