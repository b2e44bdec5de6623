import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { formatInZone } from '@siar/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useResetLink, useResetPassword } from '../api/reset-password';
import { checkNewPassword, type TNewPasswordProblem } from '../utils/check-new-password';
import { NewPasswordFields } from './new-password-fields';

/** Sets a new password with a one-time link from an admin (no session needed). */
export function ResetPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const link = useResetLink(token);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ password?: TNewPasswordProblem; confirm?: TNewPasswordProblem }>({});
  const reset = useResetPassword();
  const serverErrors = problemFieldErrors(reset.error);
  const problemText = (p: TNewPasswordProblem | undefined) => (p ? t(`account.password.${p}`) : undefined);

  if (token === '') {
    return (
      <Alert color="red" variant="light" role="alert" data-testid="reset-missing">
        {t('account.reset.missing')}
      </Alert>
    );
  }
  if (reset.isSuccess) {
    return (
      <Stack>
        <Alert color="teal" variant="light" data-testid="reset-done">
          {t('account.reset.done')}
        </Alert>
        <Anchor component={Link} to="/login" replace>
          {t('account.reset.toLogin')}
        </Anchor>
      </Stack>
    );
  }
  if (link.isPending) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('account.reset.checking')}</Text>
      </Group>
    );
  }
  if (link.isError) {
    // "Invalid, used or expired" is said on the token field: show just that sentence.
    const reason = problemFieldErrors(link.error).token;
    if (!reason) return <ErrorAlert error={link.error} testId="reset-invalid" />;
    return (
      <Alert color="red" variant="light" role="alert" data-testid="reset-invalid">
        {reason}
      </Alert>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkNewPassword(password, confirm);
    setProblems(found);
    if (!found.password && !found.confirm) reset.mutate({ token, newPassword: password });
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t('account.reset.title')} data-testid="reset-password-form">
      <Stack>
        <Text size="sm" data-testid="reset-for">
          {t('account.reset.for', { name: link.data.name, username: link.data.username, time: formatInZone(link.data.expiresAt) })}
        </Text>
        {reset.isError &&
          !serverErrors.newPassword &&
          (serverErrors.token ? (
            <Alert color="red" variant="light" role="alert" data-testid="reset-error">
              {serverErrors.token}
            </Alert>
          ) : (
            <ErrorAlert error={reset.error} testId="reset-error" />
          ))}
        <NewPasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          passwordError={problemText(problems.password) ?? serverErrors.newPassword}
          confirmError={problemText(problems.confirm)}
          autoFocus
        />
        <Button type="submit" loading={reset.isPending} data-testid="reset-submit">
          {t('account.reset.submit')}
        </Button>
      </Stack>
    </form>
  );
}
