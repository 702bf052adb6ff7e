// A conversation's labels as coloured chips. Rendered in every visible row of the (virtualised) list,
// so it stays a handful of spans: no hooks, no lookups, at most `max` chips and a "+n".
import type { ConversationLabelJson } from '#shared/api.schema.ts';
import './labels.css';

/** Dark text on light colours, white on dark ones (perceived luminance of "#rrggbb"). */
export function inkOn(color: string): string {
  const n = Number.parseInt(color.slice(1), 16);
  const y = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return y > 150 ? '#1f2933' : '#fff';
}

export function LabelChips(props: { labels: ConversationLabelJson[] | undefined; max?: number }) {
  const labels = props.labels ?? [];
  if (!labels.length) return null;
  const max = props.max ?? labels.length;
  const shown = labels.slice(0, max);
  return (
    <span className="label-chips">
      {shown.map((l) => (
        <span
          key={l.id}
          className="label-chip"
          data-label={l.name}
          title={l.name}
          dir="auto"
          style={{ background: l.color, color: inkOn(l.color) }}
        >
          {l.name}
        </span>
      ))}
      {labels.length > max && <span className="label-more">+{labels.length - max}</span>}
    </span>
  );
}
