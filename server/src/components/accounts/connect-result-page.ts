import type { TLocale } from '@siar/shared';
import type { TConnectFailure } from './complete-connect';

const texts: Record<TLocale, { title: string; back: string; reasons: Record<TConnectFailure, string> }> = {
  id: {
    title: 'Akun tidak terhubung',
    back: 'Kembali ke halaman akun',
    reasons: {
      denied: 'Izin tidak diberikan di platform. Tidak ada yang disimpan; silakan coba lagi bila perlu.',
      state_unknown: 'Permintaan penghubungan ini tidak dikenal. Mulai lagi dari halaman akun.',
      state_used: 'Tautan ini sudah dipakai. Mulai lagi dari halaman akun.',
      state_expired: 'Permintaan penghubungan sudah kedaluwarsa (lebih dari 10 menit). Mulai lagi dari halaman akun.',
      state_session: 'Permintaan ini dimulai dari sesi lain. Masuk lagi lalu mulai dari halaman akun.',
      exchange_failed: 'Platform menolak penukaran kode izin. Tidak ada yang disimpan; silakan coba lagi.',
      other_opd: 'Akun ini sudah terhubung ke OPD lain. Hubungi admin Diskominfo.',
      not_configured: 'Platform ini belum dikonfigurasi di Siar.',
    },
  },
  en: {
    title: 'Account not connected',
    back: 'Back to the accounts page',
    reasons: {
      denied: 'Permission was not given on the platform. Nothing was stored; try again if needed.',
      state_unknown: 'This connection request is unknown. Start again from the accounts page.',
      state_used: 'This link was already used. Start again from the accounts page.',
      state_expired: 'The connection request expired (more than 10 minutes). Start again from the accounts page.',
      state_session: 'This request was started from another session. Sign in again and start from the accounts page.',
      exchange_failed: 'The platform refused to exchange the permission code. Nothing was stored; try again.',
      other_opd: 'This account is already connected to another OPD. Contact the Diskominfo admin.',
      not_configured: 'This platform is not configured in Siar.',
    },
  },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page in the person's language: the callback is a browser navigation, not an API call. */
export function connectFailurePage(locale: TLocale, reason: TConnectFailure): string {
  const t = texts[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(t.title)} — Siar</title>
<style>body{font-family:system-ui,sans-serif;max-width:560px;margin:64px auto;padding:0 16px;color:#1a1b1e}h1{font-size:1.4rem}a{color:#1c7ed6}</style></head>
<body><h1>${escape(t.title)}</h1><p data-testid="connect-error" data-reason="${reason}">${escape(t.reasons[reason])}</p><p><a href="/accounts">${escape(t.back)}</a></p></body></html>`;
}
