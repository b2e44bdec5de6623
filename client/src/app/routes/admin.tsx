import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../features/auth/api/get-me';

const TABS = ['opds', 'users'] as const;

/** /admin: OPDs and people, one tab each (each its own address, so a reload stays put). */
export function AdminRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = TABS.find((tab) => pathname.startsWith(`/admin/${tab}`)) ?? 'opds';

  if (me.role !== 'admin') {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="admin-forbidden">
        {t('admin.forbidden')}
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <title>{`${t('admin.title')} · ${t('app.name')}`}</title>
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      <Tabs value={active} onChange={(value) => value && void navigate(`/admin/${value}`)}>
        <Tabs.List>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`admin-tab-${tab}`}>
              {t(`admin.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
