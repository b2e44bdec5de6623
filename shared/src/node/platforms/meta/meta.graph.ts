import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import { PublishError } from '../publish-error';
import { mapMetaError, type TMetaErrorBody } from './meta.errors';

export interface TGraphConfig {
  apiBaseUrl: string;
  graphVersion: string;
  requestTimeoutMs: number;
  /** Signs each call with `appsecret_proof` (Meta's "Require App Secret" setting). */
  appSecret?: string | undefined;
}

type TParams = Record<string, string | number | boolean | undefined>;

export interface TGraphCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the version: `me/accounts`, `<page-id>/feed`. */
  path: string;
  token?: string | undefined;
  /** Query parameters (GET) or the JSON body (POST). */
  params?: TParams | undefined;
  body?: Record<string, unknown> | undefined;
  /** The call may create something visible: a lost answer is then ambiguous, not transient. */
  writes?: boolean;
}

export function graphUrl(config: Pick<TGraphConfig, 'apiBaseUrl' | 'graphVersion'>, path: string, params: TParams = {}): URL {
  const url = new URL(`${config.apiBaseUrl.replace(/\/$/, '')}/${config.graphVersion}/${path.replace(/^\//, '')}`);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

/**
 * One Graph API call. The token travels in the Authorization header (never in a URL that could
 * be logged); the answer is parsed with `schema`, and every failure becomes a PublishError.
 */
export async function graph<T>(config: TGraphConfig, call: TGraphCall, schema: z.ZodType<T>): Promise<T> {
  const proof = call.token && config.appSecret ? createHmac('sha256', config.appSecret).update(call.token).digest('hex') : undefined;
  const url = graphUrl(config, call.path, { ...call.params, appsecret_proof: proof });
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body) headers['content-type'] = 'application/json';
  const writes = call.writes ?? false;
  let res: Response;
  let raw: string;
  try {
    res = await fetch(url, { method: call.method, headers, body: call.body ? JSON.stringify(call.body) : undefined, signal: AbortSignal.timeout(config.requestTimeoutMs) });
    raw = await res.text();
  } catch (error) {
    // No answer: when the request may have reached Meta, whether it took effect is unknown.
    const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    throw new PublishError(writes ? 'ambiguous' : 'transient', `Meta did not answer: ${reason}`, { cause: error });
  }
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = (json as { error?: TMetaErrorBody } | undefined)?.error;
    throw mapMetaError({ status: res.status, error: error && typeof error === 'object' ? error : undefined, headers: res.headers, writes, raw: raw.slice(0, 300) });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PublishError(writes ? 'ambiguous' : 'transient', `unexpected answer from Meta for ${call.method} ${call.path}`, { httpStatus: res.status, platformDetail: raw.slice(0, 300) });
  return parsed.data;
}
