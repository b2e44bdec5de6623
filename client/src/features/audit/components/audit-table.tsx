import { Badge, Table, Text } from '@mantine/core';
import { formatInZone, zoneLabel, type TAuditEvent } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { AuditDetails } from './audit-details';
import { useActionLabel } from './use-action-label';

/** What the event was about, in words a person recognises: a username, a handle, an OPD code. */
function targetOf(event: TAuditEvent): string {
  const d = event.details;
  const pick = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const handle = pick('handle');
  const text = pick('text');
  const excerpt = text && (text.length > 60 ? `${text.slice(0, 60)}…` : text);
  return pick('username') ?? (handle ? `@${handle}` : undefined) ?? pick('code') ?? pick('keyId') ?? pick('word') ?? excerpt ?? event.entityId ?? '—';
}

const FAILURES = new Set(['auth.login_failed', 'auth.login_throttled', 'auth.password_change_failed']);

export function AuditTable({ events, timezone }: { events: TAuditEvent[]; timezone: string }) {
  const { t } = useTranslation();
  const actionLabel = useActionLabel();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="xs" striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.columns.time', { zone: zoneLabel(timezone) })}</Table.Th>
            <Table.Th w={180}>{t('audit.columns.actor')}</Table.Th>
            <Table.Th w={210}>{t('audit.columns.action')}</Table.Th>
            <Table.Th w={170}>{t('audit.columns.target')}</Table.Th>
            <Table.Th w={160}>{t('audit.columns.opd')}</Table.Th>
            <Table.Th>{t('audit.columns.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.seq} data-testid="audit-row" data-action={event.action} data-seq={event.seq}>
              <Table.Td>
                <Text size="sm">{formatInZone(event.at, timezone, 'dd/MM/yyyy HH:mm:ss').replace(/ \S+$/, '')}</Text>
                <Text size="xs" c="dimmed">
                  {t('audit.seq', { seq: event.seq })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {event.actorName ??
                    (event.actorId ? event.actorId : event.action.startsWith('auth.') ? t('audit.anonymous') : t('audit.system'))}
                </Text>
                {event.actorUsername && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {event.actorUsername}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={FAILURES.has(event.action) ? 'red' : 'blue'} tt="none">
                  {actionLabel(event.action)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{targetOf(event)}</Text>
                <Text size="xs" c="dimmed">
                  {t(`audit.entities.${event.entity}` as never, { defaultValue: event.entity }) as string}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{event.opdName ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <AuditDetails details={event.details} timezone={timezone} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
