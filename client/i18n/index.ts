import { createI18n } from 'vue-i18n';
import { attendanceMessages } from './attendance';
import { codingMessages } from './coding';
import { dicomMessages } from './dicom';
import { en } from './en';
import { esMX } from './es-MX';
import { followUpMessages } from './followUp';
import { guestMessages } from './guests';
import { noticeMessages } from './notices';
import { pathwayMessages } from './pathway';
import { studyMessages } from './studies';
import { viewerMessages } from './viewer';
import { workingGroupMessages } from './workingGroup';

export const locales = ['es-MX', 'en'] as const;
export type Locale = (typeof locales)[number];
const STORAGE_KEY = 'oncoboard.locale';

function savedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return locales.find((locale) => locale === saved) ?? 'es-MX';
}

/** Spanish (Mexico) first; English for visiting experts. */
export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'es-MX',
  messages: {
    'es-MX': {
      ...esMX,
      ...viewerMessages['es-MX'],
      ...attendanceMessages['es-MX'],
      ...codingMessages['es-MX'],
      ...dicomMessages['es-MX'],
      ...pathwayMessages['es-MX'],
      ...studyMessages['es-MX'],
      ...followUpMessages['es-MX'],
      ...noticeMessages['es-MX'],
      ...workingGroupMessages['es-MX'],
      ...guestMessages['es-MX'],
    },
    en: {
      ...en,
      ...viewerMessages.en,
      ...attendanceMessages.en,
      ...codingMessages.en,
      ...dicomMessages.en,
      ...pathwayMessages.en,
      ...studyMessages.en,
      ...followUpMessages.en,
      ...noticeMessages.en,
      ...workingGroupMessages.en,
      ...guestMessages.en,
    },
  },
});

if (globalThis.document) document.documentElement.lang = savedLocale();

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
