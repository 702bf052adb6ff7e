// The words around a report's numbers in the page's language: a column's heading, a table's title and the
// notes on how it is counted from the console's own strings where it has them (the hub sends English), and
// cells formatted by kind.
import { useMemo } from 'react';
import type { ReportColumn, ReportNote, ReportTable } from '#shared/reports.schema.ts';
import type { Api } from '../api.ts';
import { useChannels } from '../channels.ts';
import { type Key, useI18n } from '../i18n.tsx';
import type { ChartText } from './report-chart-spec.ts';
import { type Cell, formatCell, formatHour, type Units } from './report-format.ts';

/** "first_response", "first-response" and "firstResponse" all find the string `reportColFirstResponse`. */
const pascal = (key: string) =>
  key.replace(/[-_ ]+(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());

export type ReportText = ChartText & {
  units: Units;
  tableTitle(table: ReportTable): string;
  /** A "how this is counted" note by its key (string reportNote_<key>), its values filled in. */
  note(note: ReportNote): string;
};

export function useReportText(api: Api, timeZone?: string): ReportText {
  const { t, lang, dir } = useI18n();
  const channels = useChannels(api);
  return useMemo(() => {
    const channelName = new Map(channels?.map((c) => [c.kind as string, c.label]));
    const own = (key: string, fallback: string) => {
      const s = t(key as Key);
      return s === key ? fallback : s;
    };
    const units: Units = { h: t('unitHours'), min: t('unitMinutes'), s: t('unitSeconds') };
    const numbers = new Intl.NumberFormat(lang);
    const weekdays = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
    const format = (column: ReportColumn, value: Cell) => {
      if (column.key === 'channel' && typeof value === 'string' && channelName.has(value))
        return channelName.get(value) as string;
      // A verdict ("accepted") and a funnel's stage ("documentsComplete") are machine words.
      if (typeof value === 'string' && column.kind === 'verdict')
        return own(`reportVerdict${pascal(value)}`, value);
      if (typeof value === 'string' && column.key === 'stage')
        return own(`reportStage${pascal(value)}`, value);
      return formatCell(column.kind, value, lang, units, timeZone);
    };
    return {
      dir,
      lang,
      units,
      format,
      name: (column: ReportColumn, value: Cell) =>
        column.kind === 'rating' && value !== null ? `${value} ★` : format(column, value),
      label: (column: ReportColumn) => own(`reportCol${pascal(column.key)}`, column.label),
      tableTitle: (table: ReportTable) => own(`reportTable${pascal(table.key)}`, table.title),
      note: (note: ReportNote) => {
        const key = `reportNote_${note.key}`;
        const values = Object.entries(note.values ?? {}).map(([k, v]) => [
          k,
          typeof v === 'number' ? numbers.format(v) : v,
        ]);
        const s = t(key as Key, Object.fromEntries(values));
        return s === key ? note.text : s;
      },
      // 2026-01-04 was a Sunday.
      weekday: (day: number) => weekdays.format(new Date(Date.UTC(2026, 0, 4 + day, 12))),
      hour: (h: number) => formatHour(h, lang),
    };
  }, [t, lang, dir, channels, timeZone]);
}
