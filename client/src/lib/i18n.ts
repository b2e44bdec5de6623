import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAccount from '../locales/en/account.json';
import enActivity from '../locales/en/activity.json';
import enApprovals from '../locales/en/approvals.json';
import enNotifications from '../locales/en/notifications.json';
import enAdmin from '../locales/en/admin.json';
import enAudit from '../locales/en/audit.json';
import enCalendar from '../locales/en/calendar.json';
import enImports from '../locales/en/imports.json';
import enQueue from '../locales/en/queue.json';
import enMain from '../locales/en.json';
import idAccount from '../locales/id/account.json';
import idActivity from '../locales/id/activity.json';
import idApprovals from '../locales/id/approvals.json';
import idNotifications from '../locales/id/notifications.json';
import idAdmin from '../locales/id/admin.json';
import idAudit from '../locales/id/audit.json';
import idCalendar from '../locales/id/calendar.json';
import idImports from '../locales/id/imports.json';
import idQueue from '../locales/id/queue.json';
import idMain from '../locales/id.json';
import { setApiLanguage } from './api-client';

export const SUPPORTED_LANGUAGES = ['id', 'en'] as const;
export type TLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: TLanguage = 'id';

const STORAGE_KEY = 'siar.language';

// One file per feature (each with its own top-level key), so features grow their texts apart.
const id = { ...idMain, ...idCalendar, ...idQueue, ...idImports, ...idAdmin, ...idAudit, ...idAccount, ...idApprovals, ...idNotifications, ...idActivity };
const en = { ...enMain, ...enCalendar, ...enQueue, ...enImports, ...enAdmin, ...enAudit, ...enAccount, ...enApprovals, ...enNotifications, ...enActivity };
// Both catalogues must have the same keys: a key missing from `en` fails the type check here.
const enCatalogue: typeof id = en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

function isLanguage(value: unknown): value is TLanguage {
  return SUPPORTED_LANGUAGES.includes(value as TLanguage);
}

/** The language the user chose on this browser, if any. */
export function storedLanguage(): TLanguage | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Switches the UI language and remembers the choice on this browser. */
export async function chooseLanguage(lng: string): Promise<void> {
  if (!isLanguage(lng)) return;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
  await i18next.changeLanguage(lng);
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  setApiLanguage(lng);
}

i18next.on('languageChanged', applyLanguage);

void i18next.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: enCatalogue } },
  lng: storedLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...SUPPORTED_LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export { i18next as i18n };
