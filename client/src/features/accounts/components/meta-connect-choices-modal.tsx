import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import type { TConnectCandidate, TConnectChoices } from '@siar/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../../lib/problem-message';
import { useAddChosenAccounts } from '../api/add-chosen-accounts';
import { useConnectChoices } from '../api/get-connect-choices';
import { useConnectChoice, type TConnectChoice } from '../hooks/use-connect-choice';
import { ConnectChoiceRow } from './meta-connect-choice-row';

const keyOf = (c: TConnectCandidate) => `${c.platform}:${c.externalId}`;

/** The list, the OPD of each checked account, and "Tambahkan": one request, single use. */
function ChoiceForm({ choice, data, onDone, onCancel }: { choice: TConnectChoice; data: TConnectChoices; onDone: (count: number) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const add = useAddChosenAccounts();
  const defaultOpd = data.opds.some((opd) => opd.id === data.opdId) ? data.opdId : (data.opds[0]?.id ?? null);
  const [chosen, setChosen] = useState<Record<string, string | null>>({});
  const selected = data.candidates.filter((c) => keyOf(c) in chosen);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const accounts = selected.flatMap((c) => {
      const opdId = c.connected?.opdId ?? chosen[keyOf(c)];
      return opdId ? [{ platform: c.platform, externalId: c.externalId, opdId }] : [];
    });
    if (accounts.length) add.mutate({ grant: choice.grant, id: choice.id, input: { accounts } }, { onSuccess: ({ items }) => onDone(items.length) });
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack>
        <Text size="sm">{t('accounts.chooseDescription')}</Text>
        {data.candidates.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="connect-choices-empty">
            {t('accounts.chooseEmpty')}
          </Text>
        )}
        <Stack gap="sm">
          {data.candidates.map((candidate) => (
            <ConnectChoiceRow
              key={keyOf(candidate)}
              candidate={candidate}
              opds={data.opds}
              checked={keyOf(candidate) in chosen}
              opdId={chosen[keyOf(candidate)] ?? null}
              onToggle={(checked) =>
                setChosen(({ [keyOf(candidate)]: _dropped, ...rest }) => (checked ? { ...rest, [keyOf(candidate)]: defaultOpd } : rest))
              }
              onOpd={(opdId) => setChosen((current) => ({ ...current, [keyOf(candidate)]: opdId }))}
            />
          ))}
        </Stack>
        {add.isError && (
          <Alert color="red" variant="light" role="alert" data-testid="connect-choices-error">
            {problemMessage(add.error, t)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.back')}
          </Button>
          <Button type="submit" disabled={selected.length === 0} loading={add.isPending} data-testid="connect-choices-submit">
            {t('accounts.chooseSubmit', { count: selected.length })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ChoiceBody({ choice, onDone, onCancel }: { choice: TConnectChoice; onDone: (count: number) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const query = useConnectChoices(choice.grant, choice.id);
  if (query.isPending) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('accounts.chooseLoading')}</Text>
      </Group>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="connect-choices-error">
        {problemMessage(query.error, t)}
      </Alert>
    );
  }
  return <ChoiceForm choice={choice} data={query.data} onDone={onDone} onCancel={onCancel} />;
}

/**
 * Back from a consent that covers several accounts (Facebook Login: Pages and their Instagram
 * accounts): the person chooses which to add, and to which OPD. Opened by `?connect=<id>&grant=<name>`.
 */
export function ConnectChoicesModal() {
  const { t } = useTranslation();
  const { choice, finish } = useConnectChoice();
  const [added, setAdded] = useState<number | null>(null);
  return (
    <>
      {added !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setAdded(null)} data-testid="connect-choices-added">
          {t('accounts.chooseAdded', { count: added })}
        </Alert>
      )}
      <Modal opened={choice !== null} onClose={finish} title={t('accounts.chooseTitle')} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {choice && (
          <ChoiceBody
            choice={choice}
            onCancel={finish}
            onDone={(count) => {
              setAdded(count);
              finish();
            }}
          />
        )}
      </Modal>
    </>
  );
}
