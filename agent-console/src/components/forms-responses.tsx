// Stored responses of procedure forms: the form, the observation, who and when. The contact panel lists the
// contact's (GET /contacts/:id/form-responses), refreshed when the conversation's "Forms" section saves one.
// No evaluator here: this part is in the console's first load.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { navigate } from '../router.ts';
import { type FormResponse, formSavedEvent, useFormsText, whenOf } from './forms-text.ts';
import './forms.css';

/** The roles that read the forms filled (GET …/form-responses), and those that fill them. */
export const formReaders = (role: string | undefined) =>
  role !== undefined && ['admin', 'supervisor', 'agent', 'qa'].includes(role);
export const formFillers = (role: string | undefined) =>
  role !== undefined && ['admin', 'supervisor', 'agent'].includes(role);

export function ResponseList(props: { responses: FormResponse[] }) {
  const { f, lang, name } = useFormsText();
  return (
    <ul className="forms-responses">
      {props.responses.map((r) => (
        <li key={r.id} data-id={r.id} data-form={r.formKey}>
          <strong>{name(r.formName)}</strong>
          {/* Isolated, so a Latin name and a date keep their order in a right-to-left line. */}
          <span className="muted forms-by">
            <bdi>{r.userName ?? f('formsSomeone')}</bdi>
            {lang === 'ar' ? '، ' : ', '}
            <bdi>{whenOf(r.createdAt, lang)}</bdi>
          </span>
          {r.observation && (
            <p className="forms-observation-text" dir="auto">
              {r.observation}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ContactFormResponses(props: { api: Api; contactId: string | undefined }) {
  const { f } = useFormsText();
  const [list, setList] = useState<FormResponse[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const on = (e: Event) => {
      const saved = (e as CustomEvent<FormResponse>).detail;
      if (saved?.contactId === props.contactId) setVersion((v) => v + 1);
    };
    addEventListener(formSavedEvent, on);
    return () => removeEventListener(formSavedEvent, on);
  }, [props.contactId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes when a response is saved here
  useEffect(() => {
    if (!props.contactId) return;
    props.api
      .get<FormResponse[]>(`/contacts/${props.contactId}/form-responses`)
      .then((r) => setList(r.data))
      .catch(() => setList(null));
  }, [props.api, props.contactId, version]);
  if (!props.contactId || list === null) return null;
  return (
    <div className="contact-forms">
      <h4>{f('formsContactResponses')}</h4>
      {list.length === 0 ? (
        <p className="muted">{f('formsContactNone')}</p>
      ) : (
        <ResponseList responses={list} />
      )}
    </div>
  );
}

/** The Reports page's way to the forms' responses (pages/form-responses.tsx). */
export function FormResponsesLink() {
  const { f } = useFormsText();
  return (
    <a
      href="/reports/form-responses"
      className="reports-forms-link"
      onClick={(e) => {
        e.preventDefault();
        navigate('/reports/form-responses');
      }}
    >
      {f('formsReportLink')}
    </a>
  );
}
