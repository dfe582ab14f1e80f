import { createI18n } from 'vue-i18n';
import { esMX, type Messages } from './es-MX';

export const locales = ['es-MX', 'en'] as const;
export type Locale = (typeof locales)[number];
const STORAGE_KEY = 'oncoboard.locale';

function savedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return locales.find((locale) => locale === saved) ?? 'es-MX';
}

/**
 * Spanish (Mexico) first; English for visiting experts. Only Spanish is in the first load: English
 * is fetched the first time someone chooses it, so that a hospital link does not carry it for everyone.
 */
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'es-MX',
  fallbackLocale: 'es-MX',
  // Typed for both languages: English's messages are set by loadLocale before it is ever shown.
  messages: { 'es-MX': esMX } as Record<Locale, Messages>,
});

/** Makes sure `locale`'s messages are here, fetching English the first time. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale)) return;
  const { en } = await import('./en');
  i18n.global.setLocaleMessage(locale, en);
}

/** Shows the app in `locale` once its messages are here, and remembers the choice on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  i18n.global.locale.value = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  if (globalThis.document) document.documentElement.lang = locale;
}

/**
 * The language this device chose, its messages loaded: the app waits for it before showing, so
 * that an English reader does not see Spanish first. Should English fail to arrive, it shows in Spanish.
 */
export const localeReady: Promise<void> = setLocale(savedLocale()).catch(() => undefined);
