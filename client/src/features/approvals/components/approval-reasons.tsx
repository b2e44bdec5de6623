import { Badge, Group, Text } from '@mantine/core';
import type { TApprovalNeeds } from '@siar/shared';
import { useTranslation } from 'react-i18next';

/** Why a post waits: its OPD's policy and/or the watch-words its texts contain (each named). */
export function ApprovalReasons({ needs }: { needs: TApprovalNeeds }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap" data-testid="approval-reasons">
      <Text size="xs" c="dimmed">
        {t('approvals.reasons.title')}:
      </Text>
      {needs.reasons.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('approvals.reasons.none')}
        </Text>
      )}
      {needs.reasons.includes('opd_policy') && (
        <Badge size="sm" variant="light" color="blue" data-testid="approval-reason-policy">
          {t('approvals.reasons.opd_policy')}
        </Badge>
      )}
      {needs.reasons.includes('watch_words') && (
        <>
          <Badge size="sm" variant="light" color="orange">
            {t('approvals.reasons.watch_words')}
          </Badge>
          {needs.watchWords.map((word) => (
            <Badge key={word} size="sm" variant="outline" color="orange" tt="none" data-testid="approval-watch-word">
              {word}
            </Badge>
          ))}
        </>
      )}
    </Group>
  );
}
