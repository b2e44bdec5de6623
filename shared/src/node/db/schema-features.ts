/** Tables of the features built on the core (queue, imports, governance, connections, engagement). */

export interface QueueSlotTable {
  id: string;
  account_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Wall clock "HH:mm" in the account's zone. */
  time: string;
  created_at: string;
}

export interface ImportBatchTable {
  id: string;
  /** The one OPD all its accounts belong to (its operators see it too); null when it spans several. */
  opd_id: string | null;
  created_by: string;
  committed_by: string | null;
  /** preview | committing | done | discarded */
  status: string;
  file_name: string;
  total_rows: number;
  valid_rows: number;
  invalid_rows: number;
  processed_rows: number;
  created_posts: number;
  failed_rows: number;
  created_at: string;
  updated_at: string;
}

export interface ImportRowTable {
  id: string;
  import_id: string;
  /** The line in the spreadsheet (header = 1). */
  row_number: number;
  raw_accounts: string;
  raw_date: string;
  raw_time: string;
  raw_text: string;
  raw_media_url: string;
  /** JSON arrays: the handles as written, and the accounts they matched. */
  handles: string;
  account_ids: string;
  scheduled_at: string | null;
  /** JSON: [{ field, key, params?, message? }] */
  errors: string;
  /** valid | invalid | creating | created | failed */
  status: string;
  post_id: string | null;
}

export interface PasswordResetTable {
  /** SHA-256 of the link's 256-bit token; the token itself is shown once, to the admin. */
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface WatchWordTable {
  id: string;
  /** As the admin wrote it (shown in lists and messages). */
  word: string;
  /** normalizeWatchText(word): unique, so two spellings of one word cannot both be listed. */
  normalized: string;
  created_by: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  /** approval_requested | post_approved | post_rejected | post_expired | delivery_failed | delivery_unconfirmed | account_needs_reconnect */
  kind: string;
  opd_id: string | null;
  post_id: string | null;
  account_id: string | null;
  /** JSON object of strings: what the message names (handle, reviewer, comment…), never a secret. */
  params: string;
  created_at: string;
  read_at: string | null;
  /** none (no address) | pending | sending | sent | failed: the e-mail outbox. */
  email_state: string;
  emailed_at: string | null;
}

/** A consent covering several accounts, waiting for the person to choose (single use, short-lived). */
export interface PendingConnectTable {
  /** Random UUID, in the address the person returns to; useful only with the session that made it. */
  id: string;
  grant_name: string;
  session_hash: string;
  user_id: string;
  /** The OPD chosen when the connect started: the default for the accounts added. */
  opd_id: string;
  /** Sealed JSON of the accounts offered, with their credentials, bound to the row. */
  accounts: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Public metrics of a published delivery at one point after publishing ('1h' | '24h' | '7d'). */
export interface MetricSnapshotTable {
  delivery_id: string;
  point: string;
  collected_at: string;
  likes: number;
  reposts: number;
  replies: number;
  /** Null where the platform or the API tier does not answer impressions. */
  impressions: number | null;
}
