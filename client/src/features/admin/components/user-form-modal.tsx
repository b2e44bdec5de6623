import { Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { ZRole, type TAdminUser, type TOpdRef, type TRole } from '@siar/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useSaveUser } from '../api/save-user';

interface TUserFormModalProps {
  /** null: a new person. */
  user: TAdminUser | null;
  opds: TOpdRef[];
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: TAdminUser, created: boolean) => void;
}

const FIELDS = ['username', 'name', 'password', 'role', 'opdIds'] as const;

/** Adds a person with an initial password, or edits name, role and OPDs (username stays). */
export function UserFormModal({ user, opds, isSelf, onClose, onSaved }: TUserFormModalProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(user?.username ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<TRole>(user?.role ?? 'operator');
  const [opdIds, setOpdIds] = useState<string[]>(user?.opds.map((o) => o.id) ?? []);
  const [missing, setMissing] = useState<Partial<Record<'username' | 'name' | 'password', boolean>>>({});
  const save = useSaveUser({ onSuccess: (saved) => onSaved(saved, user === null) });
  const errors = problemFieldErrors(save.error);
  const unmatched = save.isError && !FIELDS.some((field) => errors[field]);
  const required = t('admin.common.required');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const empty = {
      username: user === null && username.trim() === '',
      name: name.trim() === '',
      password: user === null && password === '',
    };
    setMissing(empty);
    if (empty.username || empty.name || empty.password) return;
    const memberships = role === 'operator' ? opdIds : [];
    if (user === null) save.mutate({ id: null, body: { username: username.trim(), name, password, role, opdIds: memberships } });
    else save.mutate({ id: user.id, body: { name, ...(isSelf ? {} : { role }), opdIds: memberships } });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.createTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={onSubmit} data-testid="user-form">
        <Stack>
          {unmatched && <ErrorAlert error={save.error} testId="user-form-error" />}
          <TextInput
            label={t('admin.users.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={missing.name ? required : errors.name}
            required
            data-autofocus
            data-testid="user-name"
          />
          {user === null && (
            <>
              <TextInput
                label={t('admin.users.username')}
                description={t('admin.users.usernameHint')}
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={missing.username ? required : errors.username}
                autoComplete="off"
                required
                data-testid="user-username"
              />
              <PasswordInput
                label={t('admin.users.password')}
                description={t('admin.users.passwordHint')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={missing.password ? required : errors.password}
                autoComplete="new-password"
                visibilityToggleButtonProps={{ 'aria-label': t('account.password.toggle') }}
                required
                data-testid="user-password"
              />
            </>
          )}
          <Select
            label={t('admin.users.role')}
            data={ZRole.options.map((value) => ({ value, label: t(`role.${value}`) }))}
            value={role}
            onChange={(value) => value && setRole(value as TRole)}
            allowDeselect={false}
            disabled={isSelf}
            description={isSelf ? t('admin.users.selfNote') : undefined}
            error={errors.role}
            data-testid="user-role"
          />
          {role === 'operator' ? (
            <MultiSelect
              label={t('admin.users.opds')}
              description={t('admin.users.opdsHint')}
              data={opds.map((opd) => ({ value: opd.id, label: `${opd.name} (${opd.code})` }))}
              value={opdIds}
              onChange={setOpdIds}
              searchable
              clearable
              error={errors.opdIds}
              data-testid="user-opds"
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('admin.users.opdsAll')}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('admin.common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="user-save">
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
