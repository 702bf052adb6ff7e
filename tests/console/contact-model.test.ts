// The contact panel's edit and merge logic: a PATCH body with only what changed (a cleared CI removes the
// attribute), identities grouped per channel for the comparison, the merge request naming the kept
// contact, and a clear message for each refusal of the merge endpoint.
import { describe, expect, it } from 'vitest';
import {
  type Contact,
  countLabel,
  formOf,
  identitiesByChannel,
  mergeErrorKey,
  mergeRequest,
  patchBody,
} from '../../agent-console/src/components/contact-model.ts';

const ana: Contact = {
  id: '7',
  name: 'Ana Pérez',
  email: 'ana@example.test',
  phone: null,
  attributes: { nationalId: '4567890', plan: 'fibra' },
  identities: [
    { id: '1', channel: 'webchat', externalId: 'v-1', display: {} },
    { id: '2', channel: 'api', externalId: 'crm-9', display: {} },
    { id: '3', channel: 'webchat', externalId: 'v-2', display: {} },
  ],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('contact panel model', () => {
  it('sends nothing when nothing changed', () => {
    expect(patchBody(ana, formOf(ana))).toEqual({});
  });

  it('sends only the changed fields, trimmed; a cleared field is null', () => {
    const f = { ...formOf(ana), phone: ' +591 71234567 ', nationalId: '', serviceNumber: '800-1' };
    expect(patchBody(ana, f)).toEqual({
      phone: '+591 71234567',
      attributes: { nationalId: null, serviceNumber: '800-1' },
    });
    expect(patchBody(ana, { ...formOf(ana), email: '' })).toEqual({ email: null });
  });

  it('groups identities per channel in first-seen order', () => {
    expect(identitiesByChannel(ana)).toEqual([
      ['webchat', ['v-1', 'v-2']],
      ['api', ['crm-9']],
    ]);
    expect(identitiesByChannel({ ...ana, identities: undefined })).toEqual([]);
  });

  it('merges the other contact into the kept one', () => {
    expect(mergeRequest(ana, { ...ana, id: '9' })).toEqual({
      path: '/contacts/7/merge',
      body: { sourceContactId: '9' },
    });
  });

  it('names the refusals: itself, already merged or gone; anything else keeps the hub message', () => {
    expect(mergeErrorKey({ code: 'bad_request' })).toBe('mergeErrSelf');
    expect(mergeErrorKey({ code: 'not_found' })).toBe('mergeErrGone');
    expect(mergeErrorKey({ code: 'validation_failed' })).toBeNull();
  });

  it('counts conversations, marking a full page', () => {
    expect(countLabel(3, false)).toBe('3');
    expect(countLabel(200, true)).toBe('200+');
  });
});
