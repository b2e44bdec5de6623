import type { TLocale } from '@siar/shared';

/** Server-side catalogue: problem titles, field messages and delivery error kinds. */
const id = {
  'errors.validation': 'Data yang dikirim tidak valid.',
  'errors.malformed_json': 'Isi permintaan bukan JSON yang valid.',
  'errors.unauthenticated': 'Silakan masuk terlebih dahulu.',
  'errors.invalid_credentials': 'Nama pengguna atau kata sandi salah.',
  'errors.csrf': 'Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
  'errors.forbidden': 'Anda tidak berwenang melakukan tindakan ini.',
  'errors.not_found': 'Data tidak ditemukan.',
  'errors.conflict': 'Data telah diubah oleh orang lain. Muat ulang lalu coba lagi.',
  'errors.payload_too_large': 'Isi permintaan terlalu besar.',
  'errors.rate_limited': 'Terlalu banyak permintaan. Coba lagi nanti.',
  'errors.internal': 'Terjadi kesalahan pada server. Silakan coba lagi.',
  'validation.required': 'Wajib diisi.',
  'validation.invalid': 'Nilai tidak valid.',
  'validation.invalid_type': 'Jenis nilai tidak valid.',
  'validation.too_small': 'Terlalu pendek atau terlalu sedikit.',
  'validation.too_big': 'Terlalu panjang atau terlalu banyak.',
  'validation.accounts_required': 'Pilih setidaknya satu akun.',
  'validation.too_many_accounts': 'Terlalu banyak akun dipilih (maksimal 50).',
  'validation.duplicate_accounts': 'Akun yang sama dipilih lebih dari sekali.',
  'validation.text_required': 'Teks postingan wajib diisi.',
  'validation.text_too_long': 'Teks postingan terlalu panjang.',
  'validation.text_too_long_for_platform': 'Teks terlalu panjang untuk {{platform}} ({{length}}/{{max}}).',
  'validation.invalid_datetime': 'Waktu tidak valid (gunakan format ISO 8601).',
  'validation.in_past': 'Waktu jadwal sudah lewat.',
  'validation.account_not_found': 'Akun tidak ditemukan.',
  'validation.account_inactive': 'Akun ini perlu dihubungkan ulang sebelum bisa dipakai.',
  'validation.unknown_field': 'Kolom tidak dikenal.',
  'delivery.rate_limited': 'Menunggu kuota platform',
  'delivery.auth_expired': 'Izin akses kedaluwarsa; hubungkan ulang akun',
  'delivery.account_disconnected': 'Akun terputus; hubungkan ulang akun',
  'delivery.content_rejected': 'Ditolak oleh platform',
  'delivery.transient': 'Gangguan sementara pada platform',
  'delivery.ambiguous': 'Hasil tidak pasti; periksa akun',
  'delivery.internal': 'Kesalahan internal',
} as const;

export type TMessageKey = keyof typeof id;

const en: Record<TMessageKey, string> = {
  'errors.validation': 'The submitted data is not valid.',
  'errors.malformed_json': 'The request body is not valid JSON.',
  'errors.unauthenticated': 'Please sign in first.',
  'errors.invalid_credentials': 'Wrong username or password.',
  'errors.csrf': 'The security (CSRF) token is missing or does not match. Reload the page and try again.',
  'errors.forbidden': 'You are not allowed to do this.',
  'errors.not_found': 'Not found.',
  'errors.conflict': 'Someone else changed this. Reload and try again.',
  'errors.payload_too_large': 'The request body is too large.',
  'errors.rate_limited': 'Too many requests. Try again later.',
  'errors.internal': 'Something went wrong on the server. Please try again.',
  'validation.required': 'Required.',
  'validation.invalid': 'Invalid value.',
  'validation.invalid_type': 'Invalid type of value.',
  'validation.too_small': 'Too short or too few.',
  'validation.too_big': 'Too long or too many.',
  'validation.accounts_required': 'Choose at least one account.',
  'validation.too_many_accounts': 'Too many accounts chosen (at most 50).',
  'validation.duplicate_accounts': 'The same account is chosen more than once.',
  'validation.text_required': 'The post text is required.',
  'validation.text_too_long': 'The post text is too long.',
  'validation.text_too_long_for_platform': 'Text too long for {{platform}} ({{length}}/{{max}}).',
  'validation.invalid_datetime': 'Invalid time (use ISO 8601).',
  'validation.in_past': 'The scheduled time has already passed.',
  'validation.account_not_found': 'Account not found.',
  'validation.account_inactive': 'This account must be reconnected before it can be used.',
  'validation.unknown_field': 'Unknown field.',
  'delivery.rate_limited': 'Waiting for platform quota',
  'delivery.auth_expired': 'Access expired; reconnect the account',
  'delivery.account_disconnected': 'Account disconnected; reconnect it',
  'delivery.content_rejected': 'Rejected by the platform',
  'delivery.transient': 'Temporary platform problem',
  'delivery.ambiguous': 'Outcome uncertain; check the account',
  'delivery.internal': 'Internal error',
};

const catalogues: Record<TLocale, Record<string, string>> = { id, en };

export function translate(locale: TLocale, key: string, params: Record<string, string | number> = {}): string | undefined {
  const template = catalogues[locale][key] ?? catalogues.id[key];
  return template?.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
