import { Alert, Anchor, Center, Stack } from '@mantine/core';
import { utcToZonedWallTime } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { MonthlyReport } from '../../features/activity/components/monthly-report';
import { reportMonthRange } from '../../features/activity/utils/activity-period';
import { useMe } from '../../features/auth/api/get-me';
import { isApiError } from '../../lib/api-client';
import { FullPageLoader } from '../layout/full-page-loader';

/**
 * /activity/report?month=YYYY-MM: outside the app's frame (no header, no navigation), so that the
 * browser's print to PDF holds the report alone. Signs in first like every other page.
 */
export function ActivityReportRoute() {
  const { t } = useTranslation();
  const meQuery = useMe();
  const location = useLocation();
  const [search] = useSearchParams();
  if (isApiError(meQuery.error) && meQuery.error.status === 401) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (meQuery.isError) return <ErrorAlert error={meQuery.error} />;
  if (!meQuery.data) return <FullPageLoader />;
  // Without a month, this month on the reader's wall clock.
  if (search.get('month') === null) return <Navigate to={`${location.pathname}?month=${utcToZonedWallTime(new Date(), meQuery.data.timezone).date.slice(0, 7)}`} replace />;
  const range = reportMonthRange(search.get('month'), meQuery.data.timezone);
  return (
    <>
      <title>{`${t('activity.reportPage.title')} · ${t('app.name')}`}</title>
      {range ? (
        <MonthlyReport range={range} timezone={meQuery.data.timezone} />
      ) : (
        <Center p="xl">
          <Stack align="center">
            <Alert color="red" role="alert">
              {t('activity.reportPage.invalidMonth')}
            </Alert>
            <Anchor component={Link} to="/activity">
              {t('activity.reportPage.back')}
            </Anchor>
          </Stack>
        </Center>
      )}
    </>
  );
}
