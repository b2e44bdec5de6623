import { Code, Stack, Text } from '@mantine/core';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An event's details as "key: value" lines (nested values as compact JSON). */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <Text size="xs">—</Text>;
  return (
    <Stack gap={0}>
      {entries.map(([key, value]) => (
        <Text key={key} size="xs" style={{ wordBreak: 'break-word' }}>
          <Text span size="xs" c="dimmed">
            {`${key}: `}
          </Text>
          {typeof value === 'object' && value !== null ? <Code fz="xs">{show(value)}</Code> : show(value)}
        </Text>
      ))}
    </Stack>
  );
}
