// The widget's three languages. Shared by loader and app; the loader only pulls the few strings it needs
// (esbuild keeps whole objects, so the loader has its own three-line table instead of importing this).
import type { Lang } from './types.ts';

export const langs: Lang[] = ['es', 'en', 'ar'];

/** data-lang, then the inbox's language, then the browser's; Spanish when none of them is known. */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    const l = c?.slice(0, 2).toLowerCase();
    if (l && (langs as string[]).includes(l)) return l as Lang;
  }
  return 'es';
}

export const dirOf = (l: Lang): 'rtl' | 'ltr' => (l === 'ar' ? 'rtl' : 'ltr');
