// The quality evaluations' words (quality-strings-*.ts, apart from the console's dictionaries like the
// forms') in the console's language, the hub's refusals in words, and the criteria and grades to show:
// the account's settings for an evaluator, else the zod-free QP-14 defaults (an agent cannot read the
// settings; quality-form.tsx). Zod-free: the JSON shapes are imported as types only.

import { useMemo } from 'react';
import type { z } from 'zod';
import type { Texts } from '#shared/quality/criteria.ts';
import type { EvaluationJson, queueItemJson } from '#shared/quality.schema.ts';
import { ApiError } from '../api.ts';
import { type Lang, useI18n } from '../i18n.tsx';
import { qualityAr } from './quality-strings-ar.ts';
import { qualityEn } from './quality-strings-en.ts';
import { qualityEs } from './quality-strings-es.ts';

export type Evaluation = EvaluationJson;
export type QueueItem = z.infer<typeof queueItemJson>;
export type QualityKey = keyof typeof qualityEn;
export type Q = (key: QualityKey, vars?: Record<string, string | number>) => string;

const dictionaries: Record<Lang, Record<QualityKey, string>> = {
  en: qualityEn,
  es: qualityEs,
  ar: qualityAr,
};

/** The roles that evaluate (GET /quality/settings, the queue); the managers who settle and sample. */
export const qualityEvaluators = (role: string) => ['admin', 'supervisor', 'qa'].includes(role);
export const qualityManagers = (role: string) => ['admin', 'supervisor'].includes(role);
/** Who has the Quality page: the evaluators, and agents for their own evaluations. */
export const qualityDesk = (role: string) => qualityEvaluators(role) || role === 'agent';

export function qualityText(lang: Lang): Q {
  return (key, vars) => {
    let text: string = dictionaries[lang][key] ?? qualityEn[key];
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}

export function useQualityText(): { q: Q; lang: Lang; local: (t: Texts | undefined) => string } {
  const { lang } = useI18n();
  const q = useMemo(() => qualityText(lang), [lang]);
  return { q, lang, local: (t) => (t ? t[lang] || t.en : '') };
}

const known = new Set<string>(Object.keys(qualityEn));

/** A refusal of the hub (or the network) in the user's words. */
export function refusal(q: Q, e: unknown): string {
  const code = e instanceof ApiError ? e.code : 'other';
  const message = (e as Error)?.message ?? String(e);
  const key = `err_${code}`;
  return known.has(key) ? q(key as QualityKey, { message }) : q('err_other', { message });
}

/** A date and time as the user's language writes it. */
export const whenOf = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(lang === 'es' ? 'es-BO' : lang === 'en' ? 'en-GB' : 'ar', {
    dateStyle: 'short',
    timeStyle: 'short',
  });

/** A score on 0–100 with one decimal, as the language writes numbers. */
export const scoreText = (n: number | null | undefined, lang: Lang) =>
  n === null || n === undefined
    ? '—'
    : n.toLocaleString(lang === 'es' ? 'es-BO' : lang === 'en' ? 'en-GB' : 'ar', {
        maximumFractionDigits: 1,
      });
