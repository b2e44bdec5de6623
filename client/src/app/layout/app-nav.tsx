import { Badge, NavLink, Stack } from '@mantine/core';
import type { TMe } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { Link, useMatch } from 'react-router';
import { useApprovalCount } from '../../features/approvals/api/get-approval-count';

type TRole = TMe['role'];

interface TNavEntry {
  to: string;
  labelKey: 'nav.posts' | 'nav.calendar' | 'nav.queue' | 'nav.imports' | 'nav.accounts' | 'nav.admin' | 'audit.nav' | 'approvals.nav' | 'activity.nav';
  testId: string;
  roles: readonly TRole[];
}

const EVERYONE: readonly TRole[] = ['admin', 'supervisor', 'operator'];

/** The app's sections; each role sees the ones it can use. */
export const NAV_ENTRIES: readonly TNavEntry[] = [
  { to: '/posts', labelKey: 'nav.posts', testId: 'nav-posts', roles: EVERYONE },
  { to: '/calendar', labelKey: 'nav.calendar', testId: 'nav-calendar', roles: EVERYONE },
  { to: '/queue', labelKey: 'nav.queue', testId: 'nav-queue', roles: EVERYONE },
  { to: '/import', labelKey: 'nav.imports', testId: 'nav-imports', roles: EVERYONE },
  { to: '/accounts', labelKey: 'nav.accounts', testId: 'nav-accounts', roles: EVERYONE },
  { to: '/approvals', labelKey: 'approvals.nav', testId: 'nav-approvals', roles: ['admin', 'supervisor'] },
  { to: '/activity', labelKey: 'activity.nav', testId: 'nav-activity', roles: EVERYONE },
  { to: '/audit', labelKey: 'audit.nav', testId: 'nav-audit', roles: ['admin', 'supervisor'] },
  { to: '/admin', labelKey: 'nav.admin', testId: 'nav-admin', roles: ['admin'] },
];

function NavItem({ entry, onNavigate, badge }: { entry: TNavEntry; onNavigate: (() => void) | undefined; badge?: number | undefined }) {
  const { t } = useTranslation();
  const active = useMatch({ path: entry.to, end: false }) !== null;
  return (
    <NavLink
      component={Link}
      to={entry.to}
      label={t(entry.labelKey)}
      active={active}
      aria-current={active ? 'page' : undefined}
      data-testid={entry.testId}
      onClick={onNavigate}
      variant="light"
      rightSection={
        badge ? (
          <Badge size="sm" color="yellow" circle={badge < 10} data-testid={`${entry.testId}-badge`}>
            {badge}
          </Badge>
        ) : undefined
      }
    />
  );
}

export function AppNav({ role, onNavigate }: { role: TRole; onNavigate?: () => void }) {
  const { t } = useTranslation();
  // Posts waiting for a decision, next to "Persetujuan" (polled for those who decide).
  const pending = useApprovalCount({ enabled: role !== 'operator' }).data?.count;
  return (
    <Stack component="nav" gap={2} aria-label={t('nav.label')}>
      {NAV_ENTRIES.filter((entry) => entry.roles.includes(role)).map((entry) => (
        <NavItem key={entry.to} entry={entry} onNavigate={onNavigate} badge={entry.to === '/approvals' ? pending : undefined} />
      ))}
    </Stack>
  );
}
