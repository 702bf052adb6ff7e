// An indicator's verdict as a badge (the sales report: accepted at 98 % or more, observed below); no figure,
// no verdict: a dash, as any empty cell.
import type { Cell } from './report-format.ts';

export function VerdictBadge(props: { value: Cell; text: string }) {
  if (props.value !== 'accepted' && props.value !== 'observed') return <>{props.text}</>;
  return (
    <span className={`badge verdict ${props.value}`} data-verdict={props.value}>
      {props.text}
    </span>
  );
}
