import { AppShell, Center, Container } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useMe } from '../../features/auth/api/get-me';
import { isApiError } from '../../lib/api-client';
import { i18n, storedLanguage } from '../../lib/i18n';
import { AppHeader } from './app-header';
import { AppNav } from './app-nav';
import { FullPageLoader } from './full-page-loader';

/** The signed-in part of the app: sends anyone without a session to the login page. */
export function AppLayout() {
  const meQuery = useMe();
  const location = useLocation();
  const me = meQuery.data;
  const [navOpened, nav] = useDisclosure(false);

  useEffect(() => {
    // The user's own language applies until they pick one on this browser.
    if (me && !storedLanguage() && i18n.language !== me.locale) void i18n.changeLanguage(me.locale);
  }, [me]);

  if (isApiError(meQuery.error) && meQuery.error.status === 401) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (!me) {
    if (meQuery.isError) {
      return (
        <Center mih="60vh" p="md">
          <ErrorAlert error={meQuery.error} />
        </Center>
      );
    }
    return <FullPageLoader />;
  }

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <AppHeader me={me} navOpened={navOpened} onToggleNav={nav.toggle} />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppNav role={me.role} onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="xl" px={0}>
          <Suspense fallback={<FullPageLoader />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
