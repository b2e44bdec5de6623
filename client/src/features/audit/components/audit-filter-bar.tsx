import { Button, Group, Select, TextInput } from '@mantine/core';
import { AUDIT_ACTIONS, type TAuditActor, type TOpdRef } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import type { TAuditFilterValues } from '../utils/audit-filters';
import { useActionLabel } from './use-action-label';

interface TAuditFilterBarProps {
  values: TAuditFilterValues;
  opds: TOpdRef[];
  actors: TAuditActor[];
  onChange: (values: TAuditFilterValues) => void;
}

/** OPD, who, what and which days; every change applies at once (and lands in the address). */
export function AuditFilterBar({ values, opds, actors, onChange }: TAuditFilterBarProps) {
  const { t } = useTranslation();
  const actionLabel = useActionLabel();
  const set = (key: keyof TAuditFilterValues) => (value: string | null) => onChange({ ...values, [key]: value ?? '' });
  const any = t('audit.filters.any');
  const toBeforeFrom = values.from && values.to && values.to < values.from;

  return (
    <Group align="flex-end" gap="sm" role="search" aria-label={t('audit.filters.label')}>
      <Select
        label={t('audit.filters.opd')}
        placeholder={any}
        data={opds.map((o) => ({ value: o.id, label: o.name }))}
        value={values.opdId || null}
        onChange={set('opdId')}
        searchable
        clearable
        w={220}
        data-testid="audit-filter-opd"
      />
      <Select
        label={t('audit.filters.actor')}
        placeholder={any}
        data={actors.map((a) => ({ value: a.id, label: `${a.name} (${a.username})` }))}
        value={values.actorId || null}
        onChange={set('actorId')}
        searchable
        clearable
        w={220}
        data-testid="audit-filter-actor"
      />
      <Select
        label={t('audit.filters.action')}
        placeholder={any}
        data={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
        value={values.action || null}
        onChange={set('action')}
        searchable
        clearable
        w={240}
        data-testid="audit-filter-action"
      />
      <TextInput
        type="date"
        label={t('audit.filters.from')}
        value={values.from}
        onChange={(e) => set('from')(e.currentTarget.value)}
        w={160}
        data-testid="audit-filter-from"
      />
      <TextInput
        type="date"
        label={t('audit.filters.to')}
        value={values.to}
        onChange={(e) => set('to')(e.currentTarget.value)}
        error={toBeforeFrom ? t('audit.filters.toBeforeFrom') : undefined}
        w={160}
        data-testid="audit-filter-to"
      />
      <Button
        variant="subtle"
        onClick={() => onChange({ opdId: '', actorId: '', action: '', from: '', to: '' })}
        data-testid="audit-filter-reset"
      >
        {t('audit.filters.reset')}
      </Button>
    </Group>
  );
}
