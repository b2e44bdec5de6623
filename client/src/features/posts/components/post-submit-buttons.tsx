import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TPostIntent } from '../hooks/use-post-form';

interface TPostSubmitButtonsProps {
  /** The intent being saved right now, if any: its button spins, all are disabled. */
  pendingIntent: TPostIntent | null;
  onSubmit: (intent: TPostIntent) => void;
}

/** "Simpan draf", "Tambah ke antrean", "Terbitkan sekarang" and "Jadwalkan" (the form's submit, so Enter schedules). */
export function PostSubmitButtons({ pendingIntent, onSubmit }: TPostSubmitButtonsProps) {
  const { t } = useTranslation();
  const busy = pendingIntent !== null;
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={() => onSubmit('draft')} loading={pendingIntent === 'draft'} disabled={busy} data-testid="post-draft">
        {t('composer.saveDraft')}
      </Button>
      <Button variant="default" onClick={() => onSubmit('now')} loading={pendingIntent === 'now'} disabled={busy} data-testid="post-now">
        {t('composer.publishNow')}
      </Button>
      <Button variant="light" onClick={() => onSubmit('queue')} loading={pendingIntent === 'queue'} disabled={busy} data-testid="post-queue">
        {t('composer.addToQueue')}
      </Button>
      <Button type="submit" loading={pendingIntent === 'schedule'} disabled={busy} data-testid="post-schedule">
        {t('composer.schedule')}
      </Button>
    </Group>
  );
}
