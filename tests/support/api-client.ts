/** A tiny HTTP client with a cookie jar that follows Siar's CSRF double-submit. */
export class ApiClient {
  readonly jar = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, options: { raw?: string; csrf?: boolean; headers?: Record<string, string>; redirect?: 'manual' | 'follow' } = {}) {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false && this.jar.has('siar_csrf')) headers['x-csrf-token'] = decodeURIComponent(this.jar.get('siar_csrf')!);
    if (body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)), redirect: options.redirect ?? 'follow' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }

  async login(username: string, password: string) {
    if (!this.jar.has('siar_csrf')) await this.get('/api/auth/me');
    return this.post('/api/auth/login', { username, password });
  }
}
