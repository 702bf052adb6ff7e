// Small rules of the hand-over (DOMAIN.md §3, steps 10–11): the countdown to a registered sale's 24-hour
// deadline, the labels of the sale's history and of the hub's reasons (never shown as they come), the
// officer's errors in words, and the CSV export downloaded with the agent's token.
import type { Api } from '../api.ts';
import { ApiError } from '../api.ts';
import { type S, type Sale, type SalesKey, saleStatusLabel } from './sales-text.ts';

export const queueStatuses = ['registered', 'returned', 'approved', 'installed'] as const;
export type QueueStatus = (typeof queueStatuses)[number];
export const queueLabel: Record<QueueStatus, SalesKey> = {
  registered: 'q_registered',
  returned: 'q_returned',
  approved: 'q_approved',
  installed: 'q_installed',
};
const WARN_MS = 4 * 3600_000;

export type Countdown = { level: 'ok' | 'soon' | 'late'; text: string };
const span = (s: S, ms: number) => {
  const min = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(min / 60);
  return h > 0 ? s('hoursMinutes', { h, m: min % 60 }) : s('minutesOnly', { m: min });
};
/** Time left to the deadline at `now`; `breached`: the hub said it passed (its clock rules). */
export function countdown(s: S, dueAt: string, now: number, breached: boolean): Countdown {
  const left = Date.parse(dueAt) - now;
  if (left < 0) return { level: 'late', text: s('lateBy', { time: span(s, left) }) };
  if (breached) return { level: 'late', text: s('pastDeadline') };
  return { level: left < WARN_MS ? 'soon' : 'ok', text: s('timeLeft', { time: span(s, left) }) };
}

/** A history entry's label; a type the dictionaries do not know (a newer hub) as "other change". */
export const eventLabel = (s: S, type: string): string => {
  const v: string | undefined = s(`ev_${type}` as SalesKey);
  return typeof v === 'string' ? v : s('ev_other');
};

const notMailed: Record<string, SalesKey> = {
  'the customer has no e-mail address': 'tnm_no_email',
  'the account has no e-mail inbox': 'tnm_no_inbox',
};
export const notMailedReason = (s: S, reason: unknown) => s(notMailed[String(reason)] ?? 'tnm_other');

/** An API error in words: a step on a sale that has moved on says which status it is in now. */
export function actionError(s: S, e: unknown): string {
  if (e instanceof ApiError && e.code === 'invalid_state') {
    const status = (e.details as { status?: unknown } | undefined)?.status;
    return s('invalidState', { status: saleStatusLabel(s, typeof status === 'string' ? status : '') });
  }
  return (e as Error).message;
}

/** The reasons of the latest return, if the sale's history has one. */
export function lastReturn(events: { type: string; data: Record<string, unknown> }[]): string[] {
  const e = events.filter((x) => x.type === 'sale.returned').at(-1);
  const reasons = e?.data.reasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
}

/** Downloads GET /sales-export (filtered as the list is) as the file the hub names. */
export async function exportCsv(api: Api, status: string): Promise<void> {
  const { blob, filename } = await api.download(`/sales-export${status ? `?status=${status}` : ''}`);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename || 'ventas.csv';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type SaleEvent = {
  id: string;
  type: string;
  actorId: string | null;
  /** Who took the step, by name (absent from a hub that does not send it yet). */
  actorName?: string | null;
  data: Record<string, unknown>;
  createdAt: string;
};
export type OfficerDetail = { sale: Sale; events: SaleEvent[] };
