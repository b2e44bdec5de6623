import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { TFaults } from './x-emulator.faults';
import { problem } from './x-emulator.http';
import { upsertApp, type TEmuApp, type TEmuGrant, type TEmuState } from './x-emulator.state';
import { renderAuthorizeError, renderConsentPage } from './x-emulator.web';

/** The scopes X's OAuth 2.0 knows; anything else is refused on the authorize page. */
export const X_OAUTH_SCOPES = new Set(['tweet.read', 'tweet.write', 'tweet.moderate.write', 'users.read', 'users.email', 'follows.read', 'follows.write', 'offline.access', 'space.read', 'mute.read', 'mute.write', 'like.read', 'like.write', 'list.read', 'list.write', 'block.read', 'block.write', 'bookmark.read', 'bookmark.write', 'media.write', 'dm.read', 'dm.write']);
export const CODE_TTL_MS = 30_000;
export const ACCESS_TOKEN_TTL_S = 7200;

interface TCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  userId: string;
  issuedAtMs: number;
}

export interface TOAuthDeps {
  state: TEmuState;
  persist(): void;
  faults(): TFaults;
  random(): number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const newToken = () => randomBytes(48).toString('base64url');
const challengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
function oauthError(res: Response, status: number, error: string, description?: string) {
  res.status(status).json({ error, ...(description ? { error_description: description } : {}) });
}
const invalidToken = (res: Response) => oauthError(res, 400, 'invalid_request', 'Value passed for the token was invalid.');
const bodyOf = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

/**
 * X's OAuth 2.0 authorization code flow with PKCE: the consent page, the token endpoint
 * (code exchange and rotating refresh) and revoke, on a clock tests can move forward.
 */
export function createOAuth(deps: TOAuthDeps) {
  const { state, persist } = deps;
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const codes = new Map<string, TCode>();
  let stats = { tokenCalls: 0, refreshCalls: 0, revokeCalls: 0 };
  let metricReads = 0;
  const router = Router();

  /** The authorize parameters, checked as X checks them; an error means: show a page, do not redirect. */
  function checkAuthorize(input: Record<string, unknown>) {
    const params = Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'].map((k) => [k, str(input[k]) ?? '']));
    const app = state.apps.find((a) => a.clientId === params.client_id);
    const scopes = params.scope!.split(' ').filter(Boolean);
    const error = !app
      ? 'Unknown client_id.'
      : !app.redirectUris.includes(params.redirect_uri!)
        ? 'redirect_uri does not match a callback URL registered for this app.'
        : params.response_type !== 'code'
          ? 'response_type must be code.'
          : !params.state
            ? 'state is required.'
            : params.code_challenge_method!.toUpperCase() !== 'S256'
              ? 'code_challenge_method must be S256.'
              : !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge!)
                ? 'code_challenge must be the base64url SHA-256 of the code verifier.'
                : scopes.length === 0 || !scopes.every((s) => X_OAUTH_SCOPES.has(s))
                  ? 'scope is missing or names an unknown scope.'
                  : undefined;
    return { app, params, scopes, error };
  }

  router.get('/i/oauth2/authorize', (req, res) => {
    const { app, params, scopes, error } = checkAuthorize(req.query as Record<string, unknown>);
    if (error || !app) return res.status(400).type('html').send(renderAuthorizeError(error ?? 'Unknown client_id.'));
    res.type('html').send(renderConsentPage(app, scopes, state.users, params));
  });

  router.post('/i/oauth2/authorize', (req, res) => {
    const body = bodyOf(req);
    const { app, params, error } = checkAuthorize(body);
    if (error || !app) return res.status(400).type('html').send(renderAuthorizeError(error ?? 'Unknown client_id.'));
    const target = new URL(params.redirect_uri!);
    if (body.decision === 'deny') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('state', params.state!);
      return res.redirect(302, target.toString());
    }
    const user = state.users.find((u) => u.id === body.user_id);
    if (body.decision !== 'approve' || !user) return res.status(400).type('html').send(renderAuthorizeError('Choose an account, then Authorize app or Cancel.'));
    for (const [key, c] of codes) if (now() >= c.issuedAtMs + CODE_TTL_MS) codes.delete(key);
    const code = newToken();
    codes.set(code, { clientId: app.clientId, redirectUri: params.redirect_uri!, codeChallenge: params.code_challenge!, scope: params.scope!, userId: user.id, issuedAtMs: now() });
    target.searchParams.set('state', params.state!);
    target.searchParams.set('code', code);
    res.redirect(302, target.toString());
  });

  /** HTTP Basic for a confidential client (twitter-api-v2 percent-encodes both parts), client_id in the body for a public one. */
  function authenticateClient(req: Request, body: Record<string, unknown>): TEmuApp | undefined {
    const basic = /^Basic\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    let id: string | undefined;
    let secret: string | undefined;
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return undefined;
      try {
        id = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      } catch {
        return undefined;
      }
    }
    const bodyId = str(body.client_id);
    if (id !== undefined && bodyId !== undefined && id !== bodyId) return undefined;
    const app = state.apps.find((a) => a.clientId === (id ?? bodyId));
    if (!app) return undefined;
    if (app.clientSecret !== undefined && (secret === undefined || !sameSecret(secret, app.clientSecret))) return undefined;
    return app;
  }

  function issue(clientId: string, userId: string, scope: string) {
    const at = now();
    const grant: TEmuGrant = { clientId, userId, scope, accessToken: newToken(), issuedAtMs: at, expiresAtMs: at + ACCESS_TOKEN_TTL_S * 1000 };
    if (scope.split(' ').includes('offline.access')) grant.refreshToken = newToken();
    // Expired access tokens without a refresh token can never be used again.
    state.grants = [...state.grants.filter((g) => g.refreshToken || (g.accessToken && g.expiresAtMs > at)), grant];
    persist();
    return { token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_S, access_token: grant.accessToken, scope, ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}) };
  }

  function dropGrant(grant: TEmuGrant) {
    state.grants = state.grants.filter((g) => g !== grant);
    persist();
  }

  function exchangeCode(app: TEmuApp, body: Record<string, unknown>, res: Response) {
    for (const key of ['code', 'redirect_uri', 'code_verifier'] as const) if (!str(body[key])) return oauthError(res, 400, 'invalid_request', `Missing required parameter [${key}].`);
    const code = codes.get(str(body.code)!);
    if (!code || code.clientId !== app.clientId) return oauthError(res, 400, 'invalid_grant', 'Value passed for the authorization code was invalid.');
    codes.delete(str(body.code)!); // single use, whatever happens next
    if (now() >= code.issuedAtMs + CODE_TTL_MS) return oauthError(res, 400, 'invalid_grant', 'The authorization code has expired.');
    if (code.redirectUri !== body.redirect_uri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    if (challengeOf(str(body.code_verifier)!) !== code.codeChallenge) return oauthError(res, 400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
    res.json(issue(app.clientId, code.userId, code.scope));
  }

  function refresh(app: TEmuApp, body: Record<string, unknown>, res: Response) {
    const token = str(body.refresh_token);
    if (!token) return oauthError(res, 400, 'invalid_request', 'Missing required parameter [refresh_token].');
    const grant = state.grants.find((g) => g.clientId === app.clientId && g.refreshToken === token);
    const faults = deps.faults();
    if (faults.refreshInvalidGrant > 0) {
      faults.refreshInvalidGrant -= 1;
      if (grant) dropGrant(grant); // as if X revoked the app: the grant is gone for good
      return invalidToken(res);
    }
    if (deps.random() < faults.refreshErrorRate) return problem(res, 503, 'Service Unavailable', 'Service Unavailable');
    if (!grant) return invalidToken(res);
    // Rotation: the old refresh token and its access token die with the old grant.
    state.grants = state.grants.filter((g) => g !== grant);
    res.json(issue(app.clientId, grant.userId, grant.scope));
  }

  router.post('/2/oauth2/token', (req, res) => {
    const body = bodyOf(req);
    stats.tokenCalls += 1;
    if (body.grant_type === 'refresh_token') stats.refreshCalls += 1;
    const app = authenticateClient(req, body);
    if (!app) return oauthError(res, 401, 'unauthorized_client', 'Missing valid authorization header');
    if (body.grant_type === 'authorization_code') return exchangeCode(app, body, res);
    if (body.grant_type === 'refresh_token') return refresh(app, body, res);
    oauthError(res, 400, 'invalid_request', body.grant_type ? 'Value passed for the grant type was invalid.' : 'Missing required parameter [grant_type].');
  });

  router.post('/2/oauth2/revoke', (req, res) => {
    const body = bodyOf(req);
    stats.revokeCalls += 1;
    const app = authenticateClient(req, body);
    if (!app) return oauthError(res, 401, 'unauthorized_client', 'Missing valid authorization header');
    const token = str(body.token);
    if (!token) return oauthError(res, 400, 'invalid_request', 'Missing required parameter [token].');
    // Tokens are random, so the hint (token_type_hint) never changes which one matches.
    const mine = state.grants.filter((g) => g.clientId === app.clientId);
    const refreshGrant = mine.find((g) => g.refreshToken === token);
    const accessGrant = refreshGrant ? undefined : mine.find((g) => g.accessToken === token);
    // A refresh token takes its access token with it; an access token alone leaves the refresh token usable.
    if (refreshGrant) dropGrant(refreshGrant);
    else if (accessGrant?.refreshToken) {
      accessGrant.accessToken = null;
      persist();
    } else if (accessGrant) dropGrant(accessGrant);
    // Unknown or already revoked tokens answer the same (RFC 7009).
    res.json({ revoked: true });
  });

  router.post('/_emulator/apps', (req, res) => {
    const error = upsertApp(state, bodyOf(req));
    if (error) return problem(res, 400, 'Bad Request', error);
    persist();
    res.status(204).end();
  });
  router.get('/_emulator/clock', (_req, res) => res.json({ nowMs: now(), offsetMs }));
  router.post('/_emulator/clock', (req, res) => {
    const advanceMs = bodyOf(req).advanceMs;
    if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) return problem(res, 400, 'Bad Request', 'advanceMs must be a number ≥ 0');
    offsetMs += advanceMs;
    res.json({ nowMs: now(), offsetMs });
  });
  // metricReads appears once a metric read happened, so the OAuth counters read as before.
  router.get('/_emulator/stats', (_req, res) => res.json({ ...stats, ...(metricReads > 0 ? { metricReads } : {}) }));

  return {
    router,
    /** The emulator's clock: real time plus the offset tests moved it by. */
    now,
    /** Counts one GET /2/tweets lookup (public metrics), reported by /_emulator/stats. */
    countMetricRead() {
      metricReads += 1;
    },
    /** The live grant behind an OAuth access token: undefined when unknown, revoked or expired. */
    grantFor(accessToken: string): TEmuGrant | undefined {
      return state.grants.find((g) => g.accessToken === accessToken && now() < g.expiresAtMs);
    },
    /** POST /_emulator/reset: codes, stats and the clock; apps and grants stay. */
    reset() {
      codes.clear();
      stats = { tokenCalls: 0, refreshCalls: 0, revokeCalls: 0 };
      metricReads = 0;
      offsetMs = 0;
    },
  };
}
