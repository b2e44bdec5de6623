/**
 * Table types. Portable across SQLite and PostgreSQL: ids are text (UUIDs), instants are
 * ISO 8601 UTC text of fixed width (so they sort and compare as text), booleans are 0/1.
 */
import type {
  QueueSlotTable,
  ImportBatchTable,
  ImportRowTable,
  PasswordResetTable,
  WatchWordTable,
  NotificationTable,
  PendingConnectTable,
  MetricSnapshotTable,
} from './schema-features';

export type * from './schema-features';

export interface OpdTable {
  id: string;
  name: string;
  code: string;
  requires_approval: number;
  weekly_target: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'supervisor' | 'operator';
  locale: 'id' | 'en';
  timezone: string;
  disabled: number;
  created_at: string;
  /** Where notifications are e-mailed (when SMTP is set up); null: in the app only. */
  email?: string | null;
}

export interface MembershipTable {
  user_id: string;
  opd_id: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SocialAccountTable {
  id: string;
  opd_id: string;
  platform: string;
  external_id: string;
  handle: string;
  display_name: string;
  status: 'active' | 'needs_reconnect' | 'disabled';
  credentials: string | null;
  token_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MediaTable {
  id: string;
  opd_id: string;
  kind: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  sha256: string;
  /** Relative to the media directory: `<opdId>/<uuid>.<ext>`. */
  path: string;
  alt_text: string | null;
  /** Relative like `path`; null for videos. */
  thumbnail_path: string | null;
  created_at: string;
}

export interface PostTable {
  id: string;
  opd_id: string;
  author_id: string;
  status: string;
  scheduled_at: string | null;
  text: string;
  media_ids: string;
  /** JSON array of the texts after the first (a thread); '[]' (the default) for a single post. */
  thread_parts?: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

/** An OPD other than the post's own whose accounts the post goes to (migration 0014). */
export interface PostReachTable {
  opd_id: string;
  post_id: string;
}

/** A thread's parts as each delivery publishes them (part 0 is the post's own text). */
export interface DeliveryPartTable {
  delivery_id: string;
  part_index: number;
  external_id: string;
  external_url: string;
  published_at: string;
}

export interface DeliveryTable {
  id: string;
  post_id: string;
  account_id: string;
  text_override: string | null;
  status: string;
  revision: number;
  scheduled_at: string | null;
  attempt: number;
  next_attempt_at: string | null;
  lease_id: string | null;
  lease_at: string | null;
  external_id: string | null;
  external_url: string | null;
  published_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export interface ReviewTable {
  id: string;
  post_id: string;
  reviewer_id: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  created_at: string;
}

export interface AuditEventTable {
  /** Assigned by the writer (previous + 1) inside the chain's transaction. */
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  opd_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** An audit event not yet on the chain: same fields, no seq or hashes (migration 0013). */
export interface AuditOutboxTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  opd_id: string | null;
  details: string;
}

export interface DeliveryAttemptTable {
  id: string;
  delivery_id: string;
  number: number;
  /** `publish` or `read_back`. */
  kind: string;
  started_at: string;
  ended_at: string | null;
  /** published | failed | retry | rate_limited | ambiguous | found | absent | unknown | interrupted */
  outcome: string | null;
  error_kind: string | null;
  http_status: number | null;
  excerpt: string | null;
}

export interface OauthStateTable {
  state_hash: string;
  platform: string;
  session_hash: string;
  user_id: string;
  opd_id: string;
  /** Sealed with the key ring, bound to the state. */
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface DB {
  opd: OpdTable;
  user: UserTable;
  membership: MembershipTable;
  session: SessionTable;
  social_account: SocialAccountTable;
  media: MediaTable;
  post: PostTable;
  post_reach: PostReachTable;
  delivery: DeliveryTable;
  delivery_attempt: DeliveryAttemptTable;
  delivery_part: DeliveryPartTable;
  review: ReviewTable;
  audit_event: AuditEventTable;
  audit_outbox: AuditOutboxTable;
  oauth_state: OauthStateTable;
  pending_connect: PendingConnectTable;
  queue_slot: QueueSlotTable;
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
  password_reset: PasswordResetTable;
  watch_word: WatchWordTable;
  notification: NotificationTable;
  metric_snapshot: MetricSnapshotTable;
}
