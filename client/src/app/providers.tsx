import '@mantine/core/styles.css';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { authKeys } from '../features/auth/api/auth-keys';
import { i18n } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
});

// Mantine's dimmed grey is 3.3:1 on white; these keep secondary text readable (WCAG AA, 4.5:1) in both schemes.
const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] },
  dark: { '--mantine-color-dimmed': t.colors.dark[1] },
});

function makeQueryClient() {
  const queryClient = createQueryClient({
    onUnauthorized: () => {
      // The session ended while signed in: reload "me", whose 401 sends the user to login.
      if (queryClient.getQueryData(authKeys.me())) void queryClient.resetQueries({ queryKey: authKeys.me() });
    },
  });
  return queryClient;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);

  useEffect(() => {
    // Server-side texts (problems, delivery errors) come in the request's language: refetch them.
    const onLanguageChanged = () => void queryClient.invalidateQueries();
    i18n.on('languageChanged', onLanguageChanged);
    return () => i18n.off('languageChanged', onLanguageChanged);
  }, [queryClient]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
