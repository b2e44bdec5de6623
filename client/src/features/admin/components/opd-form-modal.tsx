import { Button, Group, Modal, NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import type { TAdminOpd } from '@siar/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useSaveOpd } from '../api/save-opd';

interface TOpdFormModalProps {
  /** null: a new OPD. */
  opd: TAdminOpd | null;
  onClose: () => void;
  onSaved: (opd: TAdminOpd, created: boolean) => void;
}

const FIELDS = ['name', 'code', 'requiresApproval', 'weeklyTarget'] as const;

/** Adds an OPD or edits one; the server's messages appear under the fields they concern. */
export function OpdFormModal({ opd, onClose, onSaved }: TOpdFormModalProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(opd?.name ?? '');
  const [code, setCode] = useState(opd?.code ?? '');
  const [requiresApproval, setRequiresApproval] = useState(opd?.requiresApproval ?? false);
  const [weeklyTarget, setWeeklyTarget] = useState<number | string>(opd?.weeklyTarget ?? 0);
  const [missing, setMissing] = useState<Partial<Record<'name' | 'code', boolean>>>({});
  const save = useSaveOpd({ onSuccess: (saved) => onSaved(saved, opd === null) });
  const errors = problemFieldErrors(save.error);
  const unmatched = save.isError && !FIELDS.some((field) => errors[field]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const required = { name: name.trim() === '', code: code.trim() === '' };
    setMissing(required);
    if (required.name || required.code) return;
    const body = {
      name,
      code,
      requiresApproval,
      weeklyTarget: typeof weeklyTarget === 'number' ? weeklyTarget : Number(weeklyTarget || 0),
    };
    save.mutate(opd === null ? { id: null, body } : { id: opd.id, body });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={opd ? t('admin.opds.editTitle', { name: opd.name }) : t('admin.opds.createTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={onSubmit} data-testid="opd-form">
        <Stack>
          {unmatched && <ErrorAlert error={save.error} testId="opd-form-error" />}
          <TextInput
            label={t('admin.opds.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={missing.name ? t('admin.common.required') : errors.name}
            required
            data-autofocus
            data-testid="opd-name"
          />
          <TextInput
            label={t('admin.opds.code')}
            description={t('admin.opds.codeHint')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={missing.code ? t('admin.common.required') : errors.code}
            required
            data-testid="opd-code"
          />
          <NumberInput
            label={t('admin.opds.weeklyTarget')}
            value={weeklyTarget}
            onChange={setWeeklyTarget}
            min={0}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            error={errors.weeklyTarget}
            data-testid="opd-weekly-target"
          />
          <Switch
            label={t('admin.opds.requiresApproval')}
            checked={requiresApproval}
            onChange={(e) => setRequiresApproval(e.currentTarget.checked)}
            error={errors.requiresApproval}
            data-testid="opd-requires-approval"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('admin.common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="opd-save">
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
