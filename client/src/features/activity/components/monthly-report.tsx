import { Button, Group, Loader } from '@mantine/core';
import { formatInZone, platformName, type TActivityDelivery, type TActivityResponse, type TActivityTopPost } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useActivity } from '../api/get-activity';
import { useActivityDeliveries } from '../api/get-activity-deliveries';
import { ActivityFlagsText } from './activity-flags-text';
import './monthly-report.css';

const TOP_POSTS = 15;
const FAILURES = 100;

function lastDay(to: string, timezone: string): string {
  return formatInZone(new Date(Date.parse(to) - 1).toISOString(), timezone, 'dd/MM/yyyy').replace(/ \S+$/, '');
}

function SummaryTable({ overview, timezone }: { overview: TActivityResponse; timezone: string }) {
  const { t } = useTranslation();
  return (
    <table data-testid="report-summary">
      <thead>
        <tr>
          <th>{t('activity.columns.opd')}</th>
          <th>{t('activity.reportPage.accounts')}</th>
          <th>{t('activity.columns.published')}</th>
          <th>{t('activity.columns.failed')}</th>
          <th>{t('activity.columns.target')}</th>
          <th>{t('activity.columns.lastPublished')}</th>
          <th>{t('activity.columns.approval')}</th>
          <th>{t('activity.columns.flags')}</th>
        </tr>
      </thead>
      <tbody>
        {overview.opds.map((opd) => {
          const done = opd.weeks.filter((w) => w.complete);
          return (
            <tr key={opd.id} data-testid="report-opd-row">
              <td>{opd.name}</td>
              <td>{opd.accounts.length}</td>
              <td>{opd.published}</td>
              <td>{opd.failed}</td>
              <td>{opd.weeklyTarget > 0 ? `${opd.targetMet === false ? '✗' : opd.targetMet ? '✓' : '…'} ${t('activity.perWeek', { target: opd.weeklyTarget })} · ${t('activity.weeksMet', { met: done.filter((w) => w.met).length, total: done.length })}` : t('activity.noTarget')}</td>
              <td>{opd.lastPublishedAt ? formatInZone(opd.lastPublishedAt, timezone, 'dd/MM/yyyy') : t('activity.never')}</td>
              <td>{opd.medianApprovalMinutes === null ? '—' : t('activity.minutes', { value: opd.medianApprovalMinutes })}</td>
              <td>
                <ActivityFlagsText flags={opd.flags} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DeliveryTable({ items, timezone, failures }: { items: TActivityDelivery[]; timezone: string; failures: boolean }) {
  const { t } = useTranslation();
  return (
    <table data-testid={failures ? 'report-failures' : 'report-top-posts'}>
      <thead>
        <tr>
          <th>{t('activity.reportPage.when')}</th>
          <th>{t('activity.columns.opd')}</th>
          <th>{t('activity.columns.account')}</th>
          <th>{t('activity.reportPage.text')}</th>
          {failures && <th>{t('activity.reportPage.reason')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id}>
            <td>{formatInZone((failures ? d.scheduledAt : d.publishedAt) ?? '', timezone, 'dd/MM HH:mm')}</td>
            <td>{d.opdName}</td>
            <td>
              {platformName(d.platform)} @{d.handle}
            </td>
            <td>{d.externalUrl && !failures ? <a href={d.externalUrl}>{d.excerpt}</a> : d.excerpt}</td>
            {failures && <td>{d.error ? `${d.error.label}${d.error.message ? `: ${d.error.message}` : ''}` : d.status}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The period's posts with the most likes + reposts + replies (latest collected numbers). */
function TopEngagedTable({ items, timezone }: { items: TActivityTopPost[]; timezone: string }) {
  const { t } = useTranslation();
  return (
    <table data-testid="report-top-engaged">
      <thead>
        <tr>
          <th>{t('activity.reportPage.when')}</th>
          <th>{t('activity.columns.opd')}</th>
          <th>{t('activity.reportPage.text')}</th>
          <th>{t('activity.columns.engagement')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.postId} data-testid="report-top-engaged-row">
            <td>{p.publishedAt ? formatInZone(p.publishedAt, timezone, 'dd/MM HH:mm') : '—'}</td>
            <td>{p.opdName}</td>
            <td>{p.externalUrl ? <a href={p.externalUrl}>{p.excerpt}</a> : p.excerpt}</td>
            <td aria-label={t('activity.engagement', p)}>
              ♥ {p.likes} · ↻ {p.reposts} · 💬 {p.replies}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The month's report as Diskominfo prints it for the head of office: A4, Indonesian, one section per page. */
export function MonthlyReport({ range, timezone }: { range: { from: string; to: string }; timezone: string }) {
  const { t } = useTranslation();
  const overview = useActivity(range);
  const top = useActivityDeliveries({ ...range, outcome: 'published', limit: TOP_POSTS });
  const failures = useActivityDeliveries({ ...range, outcome: 'failed', limit: FAILURES });
  const error = overview.error ?? top.error ?? failures.error;
  if (error) return <ErrorAlert error={error} />;
  if (!overview.data || !top.data || !failures.data) return <Loader />;
  const inactive = overview.data.opds.flatMap((opd) => opd.accounts.filter((a) => a.flags.inactive).map((a) => ({ opd, a })));
  return (
    <div className="siar-report" data-testid="activity-report">
      <Group className="siar-report-noprint" justify="space-between" mb="md">
        <Button component={Link} to="/activity" variant="default">
          {t('activity.reportPage.back')}
        </Button>
        <Button onClick={() => window.print()}>{t('activity.reportPage.print')}</Button>
      </Group>
      <header className="siar-report-head">
        <div style={{ fontWeight: 700 }}>{t('activity.reportPage.government')}</div>
        <h1 style={{ fontSize: '15pt', margin: '3mm 0 1mm' }}>{t('activity.reportPage.title')}</h1>
        <div data-testid="report-period">{t('activity.reportPage.period', { from: formatInZone(range.from, timezone, 'dd/MM/yyyy').replace(/ \S+$/, ''), to: lastDay(range.to, timezone) })}</div>
        <div style={{ fontSize: '8pt' }}>{t('activity.reportPage.generated', { at: formatInZone(overview.data.generatedAt, timezone) })}</div>
      </header>
      <section className="siar-report-section">
        <h2>{t('activity.reportPage.summary')}</h2>
        <SummaryTable overview={overview.data} timezone={timezone} />
      </section>
      <section className="siar-report-section">
        <h2>{t('activity.reportPage.topEngaged')}</h2>
        {overview.data.topPosts.length ? <TopEngagedTable items={overview.data.topPosts} timezone={timezone} /> : <p>{t('activity.reportPage.noneEngaged')}</p>}
      </section>
      <section className="siar-report-section">
        <h2>{t('activity.reportPage.topPosts')}</h2>
        {top.data.items.length ? <DeliveryTable items={top.data.items} timezone={timezone} failures={false} /> : <p>{t('activity.reportPage.nonePosts')}</p>}
      </section>
      <section className="siar-report-section">
        <h2>{t('activity.reportPage.inactive')}</h2>
        {inactive.length ? (
          <table data-testid="report-inactive">
            <thead>
              <tr>
                <th>{t('activity.columns.opd')}</th>
                <th>{t('activity.columns.account')}</th>
                <th>{t('activity.columns.lastPublished')}</th>
                <th>{t('activity.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {inactive.map(({ opd, a }) => (
                <tr key={a.id}>
                  <td>{opd.name}</td>
                  <td>
                    {platformName(a.platform)} @{a.handle}
                  </td>
                  <td>{a.lastPublishedAt ? `${formatInZone(a.lastPublishedAt, timezone, 'dd/MM/yyyy')} (${t('activity.daysAgo', { count: a.lastPublishedAgeDays ?? 0 })})` : t('activity.never')}</td>
                  <td>{t(`activity.accountStatus.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('activity.reportPage.noneInactive')}</p>
        )}
      </section>
      <section className="siar-report-section">
        <h2>{t('activity.reportPage.failures')}</h2>
        {failures.data.items.length ? <DeliveryTable items={failures.data.items} timezone={timezone} failures /> : <p>{t('activity.reportPage.noneFailures')}</p>}
      </section>
    </div>
  );
}
