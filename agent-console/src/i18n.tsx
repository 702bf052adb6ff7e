// The console's strings in Spanish, English and Arabic (right-to-left), switchable per user; the choice
// is kept per user in this browser.
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { ar } from './strings/ar.ts';
import { en } from './strings/en.ts';
import { es } from './strings/es.ts';

export type Lang = 'es' | 'en' | 'ar';
export type Key = keyof typeof en;
const dictionaries: Record<Lang, Record<Key, string>> = { en, es, ar };

type I18n = {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  setLang(l: Lang): void;
  t(key: Key, vars?: Record<string, string | number>): string;
};
const Ctx = createContext<I18n | null>(null);

export function I18nProvider(props: { userId: string | null; children: ReactNode }) {
  const storageKey = `hub.lang.${props.userId ?? 'anon'}`;
  const initial =
    (localStorage.getItem(storageKey) as Lang | null) ??
    (navigator.language.startsWith('en') ? 'en' : navigator.language.startsWith('ar') ? 'ar' : 'es');
  const [lang, setLangState] = useState<Lang>(initial);
  // Another user logged in on this browser: their own choice.
  useEffect(() => {
    const saved = localStorage.getItem(storageKey) as Lang | null;
    if (saved) setLangState(saved);
  }, [storageKey]);
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
  }, [lang, dir]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      dir,
      setLang(l) {
        localStorage.setItem(storageKey, l);
        setLangState(l);
      },
      t(key, vars) {
        let s = dictionaries[lang][key] ?? en[key] ?? key;
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
    }),
    [lang, dir, storageKey],
  );
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
