import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useMatch } from 'react-router';

interface TNavItemProps {
  to: string;
  label: string;
  testId: string;
}

function NavItem({ to, label, testId }: TNavItemProps) {
  const active = useMatch({ path: to, end: false }) !== null;
  return (
    <Button
      component={Link}
      to={to}
      size="compact-sm"
      variant={active ? 'light' : 'subtle'}
      aria-current={active ? 'page' : undefined}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/** The app's sections, for every role. */
export function AppNav() {
  const { t } = useTranslation();
  return (
    <Group component="nav" gap={4} wrap="nowrap" aria-label={t('nav.label')}>
      <NavItem to="/posts" label={t('nav.posts')} testId="nav-posts" />
      <NavItem to="/accounts" label={t('nav.accounts')} testId="nav-accounts" />
    </Group>
  );
}
