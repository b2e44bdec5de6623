import type { TProblem } from '@siar/shared';

const CSRF_COOKIE = 'siar_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

/** A non-2xx answer (or no answer at all: status 0, code `network`) as an RFC 9457 problem. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: TProblem;

  constructor(problem: TProblem) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type TQueryParams = Record<string, string | number | boolean | null | undefined>;

interface TRequestOptions {
  params?: TQueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

let language = 'id';

/** The UI language, sent as Accept-Language so the server translates problems and errors alike. */
export function setApiLanguage(lng: string): void {
  language = lng;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function buildUrl(path: string, params: TQueryParams | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return `/api${path}${query ? `?${query}` : ''}`;
}

/**
 * A structural check rather than `ZProblem.parse`: this file is on the first page's path and
 * the schema would pull zod into it. Unknown shapes (a proxy's HTML page…) become a generic problem.
 */
function isProblem(body: unknown): body is TProblem {
  if (typeof body !== 'object' || body === null) return false;
  const { title, status, code, detail, errors } = body as Record<string, unknown>;
  return (
    typeof title === 'string' &&
    typeof status === 'number' &&
    typeof code === 'string' &&
    (detail === undefined || typeof detail === 'string') &&
    (errors === undefined ||
      (Array.isArray(errors) &&
        errors.every((item: unknown) => {
          const { field, message } = (item ?? {}) as Record<string, unknown>;
          return typeof field === 'string' && typeof message === 'string';
        })))
  );
}

async function toProblem(response: Response): Promise<TProblem> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isProblem(body)) return body;
  return { type: 'about:blank', title: '', status: response.status, code: response.status >= 500 ? 'internal' : 'unexpected' };
}

async function send(method: string, path: string, options: TRequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
  }
  try {
    return await fetch(buildUrl(path, options.params), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network' });
  }
}

/**
 * The server sets the CSRF cookie on any answer that finds it missing; a first visit straight
 * to a form (e.g. the login page) may not have it yet, so fetch it before the first write.
 */
async function ensureCsrfCookie(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  await send('GET', '/auth/me', {});
}

async function request<T>(method: string, path: string, options: TRequestOptions = {}): Promise<T> {
  if (method !== 'GET') await ensureCsrfCookie();
  let response = await send(method, path, options);
  if (!response.ok && method !== 'GET' && response.status === 403) {
    const problem = await toProblem(response.clone());
    // The cookie may have been rotated or just set by this very answer: retry once.
    if (problem.code === 'csrf') response = await send(method, path, options);
  }
  if (!response.ok) throw new ApiError(await toProblem(response));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<TRequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<TRequestOptions, 'body'>) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<TRequestOptions, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<TRequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<TRequestOptions, 'body'>) => request<T>('DELETE', path, options),
};

interface TUploadOptions {
  /** Called with the share of the body sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A multipart POST with upload progress, which fetch cannot report: XMLHttpRequest, with the
 * same CSRF header, language and problem handling as `api`.
 */
export async function uploadForm<T>(path: string, form: FormData, options: TUploadOptions = {}): Promise<T> {
  await ensureCsrfCookie();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, undefined));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', language);
    const token = readCookie(CSRF_COOKIE);
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(body as T);
        return;
      }
      const problem: TProblem = isProblem(body)
        ? body
        : { type: 'about:blank', title: '', status: xhr.status, code: xhr.status >= 500 ? 'internal' : 'unexpected' };
      reject(new ApiError(problem));
    };
    xhr.onerror = () => reject(new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network' }));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
