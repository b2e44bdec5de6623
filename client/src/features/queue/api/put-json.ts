import type { TProblem } from '@siar/shared';
import { api, ApiError } from '../../../lib/api-client';

function csrfToken(): string | undefined {
  const entry = document.cookie.split(';').find((part) => part.trim().startsWith('siar_csrf='));
  return entry ? decodeURIComponent(entry.trim().slice('siar_csrf='.length)) : undefined;
}

function asProblem(body: unknown, status: number): TProblem {
  const b = (body ?? {}) as Partial<TProblem>;
  if (typeof b.code === 'string' && typeof b.title === 'string' && typeof b.status === 'number') return b as TProblem;
  return { type: 'about:blank', title: '', status, code: status >= 500 ? 'internal' : 'unexpected' };
}

/**
 * A JSON PUT with the same CSRF header, language and problem handling as `api` (which has no
 * `put` yet; move this there when another feature needs one).
 */
export async function putJson<T>(path: string, body: unknown): Promise<T> {
  if (!csrfToken()) await api.get('/auth/me');
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Accept-Language': document.documentElement.lang || 'id',
        'X-CSRF-Token': csrfToken() ?? '',
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network' });
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(asProblem(parsed, response.status));
  return parsed as T;
}
