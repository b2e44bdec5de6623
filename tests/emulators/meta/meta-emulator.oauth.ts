import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { graphError, paramsOf, str } from './meta-emulator.http';
import type { TMetaApp, TMetaState } from './meta-emulator.state';
import { renderConsentPage, renderDialogError } from './meta-emulator.web';

/** The permissions Facebook Login knows (enough of them); anything else is refused on the dialog. */
export const META_PERMISSIONS = new Set(['public_profile', 'email', 'pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'pages_manage_metadata', 'pages_read_user_content', 'instagram_basic', 'instagram_content_publish', 'instagram_manage_comments', 'business_management', 'read_insights']);
/** Facebook's codes live about 10 minutes; short-lived user tokens about 2 hours, long-lived about 60 days. */
export const CODE_TTL_MS = 10 * 60_000;
export const SHORT_TOKEN_TTL_S = 2 * 3600;
export const LONG_TOKEN_TTL_S = 60 * 24 * 3600;

interface TCode {
  appId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  challenge?: string | undefined;
  issuedAtMs: number;
}

export interface TOAuthDeps {
  state: TMetaState;
  persist(): void;
  now(): number;
  /** Lifetime of long-lived tokens (seconds), changeable through /_emulator/config. */
  longTokenTtlS(): number;
}

const newToken = () => `EAA${randomBytes(40).toString('base64url')}`;

/**
 * Facebook Login's manual flow: the dialog (`/<version>/dialog/oauth`, a page a browser test can
 * approve), the code exchange and the exchange for a long-lived token (both `GET
 * /<version>/oauth/access_token`), with PKCE when the dialog was given a challenge.
 */
export function createMetaOAuth(deps: TOAuthDeps) {
  const { state } = deps;
  const codes = new Map<string, TCode>();
  let stats = { exchanges: 0, longLived: 0 };
  const router = Router({ mergeParams: true });

  function checkDialog(input: Record<string, unknown>) {
    const params = Object.fromEntries(['client_id', 'redirect_uri', 'state', 'scope', 'response_type', 'code_challenge', 'code_challenge_method'].map((k) => [k, str(input[k]) ?? '']));
    const app = state.apps.find((a) => a.appId === params.client_id);
    const scopes = params.scope!.split(/[,\s]+/).filter(Boolean);
    const error = !app
      ? 'Invalid App ID: the app is not known.'
      : !app.redirectUris.includes(params.redirect_uri!)
        ? "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings."
        : params.response_type && params.response_type !== 'code'
          ? 'response_type must be code.'
          : !params.state
            ? 'state is required.'
            : params.code_challenge && (params.code_challenge_method ?? '').toUpperCase() !== 'S256'
              ? 'code_challenge_method must be S256.'
              : !scopes.every((s) => META_PERMISSIONS.has(s))
                ? `Invalid Scopes: ${scopes.filter((s) => !META_PERMISSIONS.has(s)).join(', ')}.`
                : undefined;
    return { app, params, scopes, error };
  }

  router.get('/dialog/oauth', (req, res) => {
    const { app, params, scopes, error } = checkDialog(req.query as Record<string, unknown>);
    if (error || !app) return res.status(400).type('html').send(renderDialogError(error ?? 'Invalid App ID.'));
    res.type('html').send(renderConsentPage(app, scopes, state.users, state.pages, params, `${req.baseUrl}/dialog/oauth`));
  });

  router.post('/dialog/oauth', (req, res) => {
    const body = paramsOf(req);
    const { app, params, scopes, error } = checkDialog(body);
    if (error || !app) return res.status(400).type('html').send(renderDialogError(error ?? 'Invalid App ID.'));
    const target = new URL(params.redirect_uri!);
    target.searchParams.set('state', params.state!);
    if (body.decision === 'deny') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_code', '200');
      target.searchParams.set('error_reason', 'user_denied');
      target.searchParams.set('error_description', 'Permissions error');
      return res.redirect(302, target.toString());
    }
    const user = state.users.find((u) => u.id === body.user_id);
    if (body.decision !== 'approve' || !user) return res.status(400).type('html').send(renderDialogError('Choose who you are, then Continue or Cancel.'));
    for (const [key, c] of codes) if (deps.now() >= c.issuedAtMs + CODE_TTL_MS) codes.delete(key);
    const code = randomBytes(32).toString('base64url');
    codes.set(code, { appId: app.appId, redirectUri: params.redirect_uri!, userId: user.id, scopes, challenge: params.code_challenge || undefined, issuedAtMs: deps.now() });
    target.searchParams.set('code', code);
    res.redirect(302, `${target.toString()}#_=_`);
  });

  function issue(app: TMetaApp, userId: string, scopes: string[], ttlS: number) {
    const token = newToken();
    state.tokens.push({ token, kind: 'user', userId, appId: app.appId, scopes, expiresAtMs: deps.now() + ttlS * 1000 });
    deps.persist();
    return { access_token: token, token_type: 'bearer', expires_in: ttlS };
  }

  function exchangeCode(app: TMetaApp, params: Record<string, unknown>, res: Response) {
    stats.exchanges += 1;
    const code = codes.get(str(params.code) ?? '');
    if (!code || code.appId !== app.appId) return graphError(res, 400, 100, 'Invalid verification code format.', { type: 'OAuthException', subcode: 36007 });
    codes.delete(str(params.code)!); // single use, whatever happens next
    if (deps.now() >= code.issuedAtMs + CODE_TTL_MS) return graphError(res, 400, 100, 'This authorization code has expired.', { type: 'OAuthException', subcode: 36007 });
    if (code.redirectUri !== params.redirect_uri) return graphError(res, 400, 100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', { type: 'OAuthException', subcode: 36008 });
    if (code.challenge && createHash('sha256').update(str(params.code_verifier) ?? '').digest('base64url') !== code.challenge) return graphError(res, 400, 100, 'Invalid code verifier.', { type: 'OAuthException' });
    res.json(issue(app, code.userId, code.scopes, SHORT_TOKEN_TTL_S));
  }

  function exchangeForLongLived(app: TMetaApp, params: Record<string, unknown>, res: Response) {
    stats.longLived += 1;
    const short = state.tokens.find((t) => t.kind === 'user' && t.token === str(params.fb_exchange_token) && t.appId === app.appId && !t.revoked && (t.expiresAtMs ?? Infinity) > deps.now());
    if (!short?.userId) return graphError(res, 400, 190, 'Error validating access token: the token to exchange is invalid or expired.');
    res.json(issue(app, short.userId, short.scopes, deps.longTokenTtlS()));
  }

  router.get('/oauth/access_token', (req: Request, res: Response) => {
    const params = paramsOf(req);
    const app = state.apps.find((a) => a.appId === params.client_id);
    if (!app || app.appSecret !== params.client_secret) return graphError(res, 400, 1, 'Error validating client secret.', { type: 'OAuthException' });
    if (params.grant_type === 'fb_exchange_token') return exchangeForLongLived(app, params, res);
    exchangeCode(app, params, res);
  });

  return {
    router,
    stats: () => stats,
    reset() {
      codes.clear();
      stats = { exchanges: 0, longLived: 0 };
    },
  };
}
