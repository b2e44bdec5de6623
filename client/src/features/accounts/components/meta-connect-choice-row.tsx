import { Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import type { TConnectCandidate } from '@siar/shared';
import { useTranslation } from 'react-i18next';

interface TChoiceRowProps {
  candidate: TConnectCandidate;
  checked: boolean;
  opdId: string | null;
  opds: { id: string; name: string }[];
  onToggle: (checked: boolean) => void;
  onOpd: (opdId: string) => void;
}

/**
 * One account the consent reached: a checkbox, and the OPD it goes to. An account already in
 * Siar is reconnected in its own OPD; one in an OPD outside the person's reach cannot be chosen.
 */
export function ConnectChoiceRow({ candidate, checked, opdId, opds, onToggle, onOpd }: TChoiceRowProps) {
  const { t } = useTranslation();
  const platform = t(`platformName.${candidate.platform}`);
  const notes = [
    candidate.linkedTo ? t('accounts.choiceLinkedTo', { page: candidate.linkedTo }) : null,
    candidate.connected && candidate.selectable ? t('accounts.choiceConnected', { opd: candidate.connected.opdName }) : null,
    candidate.selectable ? null : t('accounts.choiceOtherOpd'),
  ].filter((note): note is string => note !== null);
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" data-testid="connect-choice" data-platform={candidate.platform} data-handle={candidate.handle}>
      <Checkbox
        checked={checked}
        disabled={!candidate.selectable}
        onChange={(event) => onToggle(event.currentTarget.checked)}
        label={`${platform} · @${candidate.handle}`}
        description={
          <Stack gap={0} component="span">
            <Text span size="xs" c="dimmed">
              {candidate.displayName}
            </Text>
            {notes.map((note) => (
              <Text span size="xs" c="dimmed" key={note}>
                {note}
              </Text>
            ))}
          </Stack>
        }
        data-testid={`connect-choice-${candidate.platform}-${candidate.handle}`}
      />
      {checked && !candidate.connected && (
        <Select
          aria-label={t('accounts.choiceOpd', { handle: candidate.handle })}
          size="xs"
          w={200}
          data={opds.map((opd) => ({ value: opd.id, label: opd.name }))}
          value={opdId}
          onChange={(value) => value && onOpd(value)}
          allowDeselect={false}
          searchable={opds.length > 8}
          data-testid={`connect-choice-opd-${candidate.platform}-${candidate.handle}`}
        />
      )}
    </Group>
  );
}
