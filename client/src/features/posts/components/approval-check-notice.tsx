import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import type { TPostCheck } from '@siar/shared';
import { useTranslation } from 'react-i18next';

/**
 * What the server found that needs a supervisor: watch-words in the texts (each named) and/or the
 * OPD's policy. For an operator it says the post will be submitted ("Perlu persetujuan
 * supervisor"); a reviewer is told they may schedule it directly.
 */
export function ApprovalCheckNotice({ approval }: { approval: TPostCheck['approval'] }) {
  const { t } = useTranslation();
  if (!approval || (approval.watchWords.length === 0 && !approval.required)) return null;
  return (
    <Alert
      color={approval.watchWords.length > 0 ? 'orange' : 'yellow'}
      variant="light"
      p="xs"
      title={approval.required ? t('approvals.composer.needsApproval') : undefined}
      data-testid="approval-check"
    >
      <Stack gap={4}>
        {approval.reasons.includes('opd_policy') && approval.required && <Text size="sm">{t('approvals.composer.policy')}</Text>}
        {approval.watchWords.length > 0 && (
          <Group gap={6} wrap="wrap">
            <Text size="sm">{t('approvals.composer.watchWords')}</Text>
            {approval.watchWords.map((word) => (
              <Badge key={word} color="orange" variant="filled" tt="none" data-testid="watch-word-found">
                {word}
              </Badge>
            ))}
          </Group>
        )}
        {!approval.required && (
          <Text size="xs" c="dimmed">
            {t('approvals.composer.reviewerNote')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
