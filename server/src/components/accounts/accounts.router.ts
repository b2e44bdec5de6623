import { Router } from 'express';
import type { TAccount } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { findAccounts, type TAccountRow } from './accounts.repository';

export function toAccountDto(row: TAccountRow): TAccount {
  return {
    id: row.id,
    opdId: row.opd_id,
    opdName: row.opd_name,
    platform: row.platform as TAccount['platform'],
    externalId: row.external_id,
    handle: row.handle,
    displayName: row.display_name,
    status: row.status,
  };
}

export function accountsRouter(db: TDatabase): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const rows = await findAccounts(db, req.auth!.opdIds);
    res.json({ items: rows.map(toAccountDto), nextCursor: null });
  });
  return router;
}
