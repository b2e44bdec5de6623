import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TPostIntent } from '../hooks/use-post-form';

interface TPostSubmitButtonsProps {
  /** The intent being saved right now, if any: its button spins, all are disabled. */
  pendingIntent: TPostIntent | null;
  onSubmit: (intent: TPostIntent) => void;
  /** Saving with a time submits the post for approval: the main button reads "Ajukan". */
  needsApproval?: boolean;
}

/** "Simpan draf", "Tambah ke antrean", "Terbitkan sekarang" and "Jadwalkan" (the form's submit, so Enter schedules). */
export function PostSubmitButtons({ pendingIntent, onSubmit, needsApproval = false }: TPostSubmitButtonsProps) {
  const { t } = useTranslation();
  const busy = pendingIntent !== null;
  return (
    <Group justify="flex-end" gap="xs">
      <Button
        variant="default"
        onClick={() => onSubmit('draft')}
        loading={pendingIntent === 'draft'}
        disabled={busy}
        data-testid="post-draft"
      >
        {t('composer.saveDraft')}
      </Button>
      {/* "Now" cannot wait for a supervisor: a post needing approval is submitted with a time instead. */}
      {!needsApproval && (
        <Button variant="default" onClick={() => onSubmit('now')} loading={pendingIntent === 'now'} disabled={busy} data-testid="post-now">
          {t('composer.publishNow')}
        </Button>
      )}
      <Button
        variant="light"
        onClick={() => onSubmit('queue')}
        loading={pendingIntent === 'queue'}
        disabled={busy}
        data-testid="post-queue"
      >
        {t('composer.addToQueue')}
      </Button>
      <Button
        type="submit"
        loading={pendingIntent === 'schedule'}
        disabled={busy}
        data-testid="post-schedule"
        data-approval={needsApproval || undefined}
      >
        {needsApproval ? t('approvals.composer.submit') : t('composer.schedule')}
      </Button>
    </Group>
  );
}
