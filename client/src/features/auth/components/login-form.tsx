import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { ZLoginRequest, type TMe } from '@siar/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useLogin } from '../api/login';

interface TLoginFormProps {
  onSuccess: (me: TMe) => void;
}

type TLoginField = 'username' | 'password';

export function LoginForm({ onSuccess }: TLoginFormProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<TLoginField, string>>>({});
  const loginMutation = useLogin({ onSuccess });
  const serverErrors = problemFieldErrors(loginMutation.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = ZLoginRequest.safeParse({ username, password });
    if (!parsed.success) {
      const errors: Partial<Record<TLoginField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as TLoginField;
        errors[field] ??= t(`validation.${issue.message}`, { defaultValue: t('validation.invalid') });
      }
      setClientErrors(errors);
      return;
    }
    setClientErrors({});
    loginMutation.mutate(parsed.data);
  };

  const errorOf = (field: TLoginField) => clientErrors[field] ?? serverErrors[field];

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('login.title')}>
      <Stack>
        {loginMutation.isError && <ErrorAlert error={loginMutation.error} testId="login-error" />}
        <TextInput
          label={t('login.username')}
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={errorOf('username')}
          data-testid="login-username"
        />
        <PasswordInput
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errorOf('password')}
          visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
          data-testid="login-password"
        />
        <Button type="submit" loading={loginMutation.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
