import { Group, Loader, Stack, Text } from '@mantine/core';
import type { TPostCheck } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { ApprovalCheckNotice } from './approval-check-notice';
import { PostCost } from './post-cost';
import { PostWarnings } from './post-warnings';

interface TPostCheckPanelProps {
  check: TPostCheck | undefined;
  /** The answer on screen is for an earlier input; a fresh one is coming. */
  outdated: boolean;
  handleOf: (accountId: string) => string | undefined;
  onMakeVariants: (accountIds: string[]) => void;
  variantAccountIds: string[];
}

/** "Periksa": what the server says about the post as typed, before anything is saved. */
export function PostCheckPanel({ check, outdated, handleOf, onMakeVariants, variantAccountIds }: TPostCheckPanelProps) {
  const { t } = useTranslation();
  if (!check && !outdated) return null;
  return (
    <Stack
      gap="xs"
      aria-live="polite"
      aria-busy={outdated}
      style={{ opacity: outdated ? 0.6 : 1, transition: 'opacity 150ms' }}
      data-testid="post-check"
      data-checking={outdated || undefined}
    >
      {check && <ApprovalCheckNotice approval={check.approval} />}
      {check && (
        <PostWarnings warnings={check.warnings} handleOf={handleOf} onMakeVariants={onMakeVariants} variantAccountIds={variantAccountIds} />
      )}
      <Group gap="xs" justify="space-between">
        {check ? <PostCost cost={check.estimatedCost} /> : <span />}
        {outdated && (
          <Group gap={6}>
            <Loader size={12} />
            <Text size="xs" c="dimmed">
              {t('composer.checking')}
            </Text>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
