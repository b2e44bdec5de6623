import { Router } from 'express';
import { z } from 'zod';
import { ZAddChosenAccountsRequest, ZId, type TAccount } from '@siar/shared';
import type { TDatabase, TKeyRing, TLogger, TPlatformAdapter, TPlatformSettings } from '@siar/shared/node';
import { monthSpend } from './month-spend';
import { requestLocale } from '../../libraries/i18n/request-locale';
import { parseInput } from '../../libraries/http/validate';
import { completeConnect } from './complete-connect';
import { startConnect } from './connect-account';
import { connectFailurePage } from './connect-result-page';
import { disconnectAccount } from './disconnect-account';
import { findAccounts, type TAccountRow } from './accounts.repository';
import { addChosenAccounts } from './meta-add-chosen-accounts';
import { listConnectChoices } from './meta-connect-choices';

/** With the adapters, `reconnectBy` says when an account whose grant Siar cannot renew must be connected again. */
export function toAccountDto(row: TAccountRow, adapters?: ReadonlyMap<string, TPlatformAdapter>): TAccount {
  return {
    id: row.id,
    opdId: row.opd_id,
    opdName: row.opd_name,
    platform: row.platform as TAccount['platform'],
    externalId: row.external_id,
    handle: row.handle,
    displayName: row.display_name,
    status: row.status,
    reconnectBy: adapters?.get(row.platform)?.oauth?.reconnectBeforeExpiry ? row.token_expires_at : null,
  };
}

export interface TAccountsDeps {
  db: TDatabase;
  ring: TKeyRing;
  adapters: ReadonlyMap<string, TPlatformAdapter>;
  logger: TLogger;
  publicBaseUrl?: string | undefined;
  platformSettings?: Record<string, TPlatformSettings> | undefined;
}

const ZConnectRequest = z.object({ opdId: ZId });

export function accountsRouter(deps: TAccountsDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const rows = await findAccounts(deps.db, req.auth!.opdIds);
    res.json({ items: rows.map((row) => toAccountDto(row, deps.adapters)), nextCursor: null });
  });
  router.get('/spend', async (req, res) => {
    const month = typeof req.query.month === 'string' ? req.query.month : new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    res.json({ month, items: await monthSpend({ db: deps.db, auth: req.auth!, month, settings: deps.platformSettings ?? {} }) });
  });
  router.post('/connect/:platform', async (req, res) => {
    const { opdId } = parseInput(ZConnectRequest, req.body);
    const publicBaseUrl = deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    res.json(await startConnect({ ...deps, publicBaseUrl }, { auth: req.auth!, platform: String(req.params.platform), opdId }));
  });
  // After a consent that covers several accounts: what it reached, then the ones chosen (single use).
  router.get('/connect/:grant/:id', async (req, res) => {
    res.json(await listConnectChoices(deps, { auth: req.auth!, grant: String(req.params.grant), id: String(req.params.id) }));
  });
  router.post('/connect/:grant/:id', async (req, res) => {
    const input = parseInput(ZAddChosenAccountsRequest, req.body);
    const rows = await addChosenAccounts(deps, { auth: req.auth!, grant: String(req.params.grant), id: String(req.params.id), input });
    res.json({ items: rows.map((row) => toAccountDto(row, deps.adapters)) });
  });
  router.delete('/:id', async (req, res) => {
    await disconnectAccount(deps, { auth: req.auth!, id: String(req.params.id) });
    res.status(204).end();
  });
  return router;
}

/** GET /api/oauth/:platform/callback: a browser navigation; answers a redirect or a page. */
export function oauthCallbackRouter(deps: TAccountsDeps): Router {
  const router = Router();
  router.get('/:platform/callback', async (req, res) => {
    const result = await completeConnect({ ...deps, publicBaseUrl: deps.publicBaseUrl ?? '' }, { auth: req.auth, platform: String(req.params.platform), query: req.query as Record<string, unknown> });
    if (result.ok && 'chooseId' in result) {
      res.redirect(302, `/accounts?connect=${encodeURIComponent(result.chooseId)}&grant=${encodeURIComponent(String(req.params.platform))}`);
      return;
    }
    if (result.ok) {
      res.redirect(302, `/accounts?connected=${encodeURIComponent(result.handle)}${result.reconnected ? '&reconnected=1' : ''}`);
      return;
    }
    res.status(400).type('html').send(connectFailurePage(requestLocale(req), result.reason));
  });
  return router;
}
