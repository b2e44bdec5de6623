import { Code, Stack, Text } from '@mantine/core';
import { formatInZone, platformName } from '@siar/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_KEYS = new Set(['status', 'previousStatus']);

/** One value as a person reads it: instants in their zone, platforms by name, statuses and reasons in words, ids shortened. */
function word(key: string, value: unknown, o: { t: TFunction; timezone: string }): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return formatInZone(value, o.timezone);
    if (UUID.test(value)) return `${value.slice(0, 8)}…`;
    if (key === 'platform') return platformName(value);
    if (key === 'reason') return o.t(`audit.reasons.${value}`, { defaultValue: value });
    if (STATUS_KEYS.has(key)) return o.t(`postStatus.${value}`, { defaultValue: value });
    return value;
  }
  if (typeof value === 'boolean') return o.t(value ? 'audit.yes' : 'audit.no');
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => word(key, v, o)).join(', ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // A change: "from → to".
    if (entries.length === 2 && 'from' in value && 'to' in value) return `${word(key, (value as { from: unknown }).from, o)} → ${word(key, (value as { to: unknown }).to, o)}`;
    if (entries.every(([, v]) => typeof v !== 'object' || v === null || 'from' in (v as object))) return entries.map(([k, v]) => `${label(k, o.t)}: ${word(k, v, o)}`).join('; ');
    return JSON.stringify(value);
  }
  return String(value);
}

const label = (key: string, t: TFunction) => t(`audit.detailKeys.${key}`, { defaultValue: key });

/** An event's details as "label: value" lines, in words (nested values that are not changes as compact JSON). */
export function AuditDetails({ details, timezone }: { details: Record<string, unknown>; timezone: string }) {
  const { t } = useTranslation();
  const entries = Object.entries(details);
  if (entries.length === 0) return <Text size="xs">—</Text>;
  return (
    <Stack gap={0}>
      {entries.map(([key, value]) => {
        const shown = word(key, value, { t, timezone });
        return (
          <Text key={key} size="xs" style={{ wordBreak: 'break-word' }}>
            <Text span size="xs" c="dimmed">
              {`${label(key, t)}: `}
            </Text>
            {shown.startsWith('{') || shown.startsWith('[') ? <Code fz="xs">{shown}</Code> : shown}
          </Text>
        );
      })}
    </Stack>
  );
}
