import '@mantine/core/styles.css';
import { createTheme, darken, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { authKeys } from '../features/auth/api/auth-keys';
import { i18n } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';

const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 6 is 4.3:1 against white; 7 reaches WCAG AA (4.5:1) for white text and indigo text alike.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
});

/**
 * Mantine's dimmed grey is 3.3:1 on white, and the text of its light variants (badges, light
 * buttons) 3.8–4.3:1 on their tinted backgrounds; these keep all of it readable at WCAG AA (4.5:1).
 */
const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    ...Object.fromEntries(Object.keys(t.colors).map((name) => [`--mantine-color-${name}-light-color`, darken(t.colors[name]![9], 0.25)])),
    // Coloured text (`c="red"`, `c="green"`…) on the page's white.
    ...Object.fromEntries(Object.keys(t.colors).map((name) => [`--mantine-color-${name}-text`, darken(t.colors[name]![9], 0.15)])),
  },
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
