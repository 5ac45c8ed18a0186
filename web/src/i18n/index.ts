import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

const storageKey = 'order-bpm.language';

function storedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(storageKey);
  return languages.includes(saved as Language) ? (saved as Language) : defaultLanguage;
}

export function setLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(storageKey, lang);
  void i18next.changeLanguage(lang);
}

i18next.on('languageChanged', (lang) => {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.title = i18next.t('app.title');
  }
});

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: defaultLanguage,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
