// The routing rules in evaluation order, each read back as a sentence, with its switch, edit (the
// builder in place), delete (asks once more) and its place in the order: dragged, or moved up and down
// with buttons (the keyboard's way; focus stays on the moved rule).
import { type DragEvent, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { ConfirmDelete } from './confirm-delete.tsx';
import { type RuleBody, RuleBuilder, type RuleOptions } from './rule-builder.tsx';
import { type Piece, type RuleJson, type RuleNames, ruleSentence } from './rule-sentence.ts';
import './rules.css';

export function RuleList(props: {
  rules: RuleJson[];
  names: RuleNames;
  options: RuleOptions;
  onMove(from: number, to: number): Promise<void>;
  onToggle(rule: RuleJson, enabled: boolean): void;
  onSave(rule: RuleJson, body: RuleBody): Promise<void>;
  onDelete(rule: RuleJson): void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const last = props.rules.length - 1;

  const move = async (from: number, to: number, dir: 'up' | 'down') => {
    const id = props.rules[from].id;
    await props.onMove(from, to);
    // The list re-rendered in its new order: the same rule's button keeps the focus (or its twin at an end).
    const item = document.querySelector(`.rules li[data-rule-id="${id}"]`);
    const want = item?.querySelector<HTMLButtonElement>(`button.move-${dir}:not(:disabled)`);
    (
      want ?? item?.querySelector<HTMLButtonElement>('button.move-up:not(:disabled), button.move-down')
    )?.focus();
  };
  const drop = (e: DragEvent, to: number) => {
    e.preventDefault();
    const from = dragged;
    setDragged(null);
    setOver(null);
    if (from !== null && from !== to) props.onMove(from, to);
  };

  return (
    <ol className="rules">
      {props.rules.map((r, i) =>
        editing === r.id ? (
          <li key={r.id} data-rule-id={r.id} className="rule editing">
            <RuleBuilder
              rule={r}
              options={props.options}
              onSave={async (body) => {
                await props.onSave(r, body);
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          </li>
        ) : (
          <li
            key={r.id}
            data-rule-id={r.id}
            data-enabled={r.enabled}
            className={`rule${over === i && dragged !== i ? ' drop-target' : ''}${dragged === i ? ' dragging' : ''}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', r.id);
              setDragged(i);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(i);
            }}
            onDragLeave={() => setOver((o) => (o === i ? null : o))}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            onDrop={(e) => drop(e, i)}
          >
            <span className="rule-grip" aria-hidden="true" title={t('ruleDrag')}>
              ⋮⋮
            </span>
            <div className="rule-body">
              <strong dir="auto">{r.name}</strong>
              {!r.enabled && <span className="rule-off">{t('ruleOff')}</span>}
              <p className="rule-sentence">
                <Sentence pieces={ruleSentence(r, props.names)} />
              </p>
              <details className="rule-json">
                <summary>JSON</summary>
                <pre dir="ltr">
                  {JSON.stringify({ conditions: r.conditions, actions: r.actions }, null, 2)}
                </pre>
              </details>
            </div>
            <div className="rule-tools">
              <label className="check">
                <input
                  type="checkbox"
                  checked={r.enabled}
                  onChange={(e) => props.onToggle(r, e.target.checked)}
                />
                {t('ruleEnabled')}
              </label>
              <button
                type="button"
                className="move-up"
                disabled={i === 0}
                aria-label={t('ruleMoveUp', { name: r.name })}
                onClick={() => move(i, i - 1, 'up')}
              >
                ↑
              </button>
              <button
                type="button"
                className="move-down"
                disabled={i === last}
                aria-label={t('ruleMoveDown', { name: r.name })}
                onClick={() => move(i, i + 1, 'down')}
              >
                ↓
              </button>
              <button
                type="button"
                onClick={() => {
                  setEditing(r.id);
                  setDeleting(null);
                }}
              >
                {t('ruleEdit')}
              </button>
              <ConfirmDelete
                armed={deleting === r.id}
                onArm={() => setDeleting(r.id)}
                onConfirm={() => {
                  setDeleting(null);
                  props.onDelete(r);
                }}
                onCancel={() => setDeleting(null)}
                deleteLabel={t('ruleDelete')}
                confirmLabel={t('ruleConfirmDelete', { name: r.name })}
                cancelLabel={t('cancel')}
              />
            </div>
          </li>
        ),
      )}
    </ol>
  );
}

export function Sentence(props: { pieces: Piece[] }) {
  return (
    <>
      {props.pieces.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: a sentence's pieces have no identity but their place
        typeof p === 'string' ? p : <bdi key={i}>{p.value}</bdi>,
      )}
    </>
  );
}
