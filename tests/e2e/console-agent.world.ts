// The world of tests/e2e/console-agent.test.ts: an agent, Ana (one contact on two channels: a resolved
// API conversation and a web chat with both sides of her ID card), Beto, and a browser context that
// records desktop notifications and beeps instead of showing and playing them.
import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { client, incoming, type SeededAccount, seedAccount, type TestHub } from '#tests/helpers/hub.ts';
import { connectVisitor, type WidgetVisitor, webchatInbox } from '#tests/helpers/widget.ts';
import { tinyPng } from './helpers.ts';

export type AgentWorld = {
  account: SeededAccount;
  agentId: string;
  api: { id: string; token: string };
  visitor: WidgetVisitor;
  /** Ana's web chat (open, with two photos), her earlier API conversation (resolved), Beto's (open). */
  ids: { chat: string; past: string; beto: string };
};

async function uploadAsVisitor(t: TestHub, visitor: WidgetVisitor, inboxToken: string, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(tinyPng)], { type: 'image/png' }), name);
  const res = await fetch(`${t.url}/api/v1/widget/attachments`, {
    method: 'POST',
    headers: { 'x-inbox-token': inboxToken, 'x-visitor-token': visitor.session.visitorToken },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

export async function seedAgentWorld(t: TestHub): Promise<AgentWorld> {
  const account = await seedAccount(t);
  const admin = () => client(t.url, account.adminToken);
  const ids = { chat: '', past: '', beto: '' };
  const created = await admin().post('/users', {
    name: 'Rosa Quispe',
    email: 'rosa.agent@example.test',
    password: 'correct horse battery',
    role: 'agent',
  });
  const agentId: string = created.body.data.id;
  await admin().patch(`/users/${agentId}`, { capacity: { webchat: 5, api: 5 } });

  // Ana wrote through the API channel last week; that conversation is resolved.
  const api = await account.apiInbox();
  const first = await incoming(t.url, api, {
    externalId: 'ana-1',
    contact: { externalId: 'cust-ana', name: 'Ana Mamani' },
    text: 'Mi factura llegó con un cobro doble',
  });
  ids.past = first.body.data.conversation.id;
  const apiContact = first.body.data.conversation.contactId;
  await admin().post(`/conversations/${ids.past}/status`, { status: 'resolved' });

  // Today she opens the web chat and sends both sides of her ID card.
  const chat = await webchatInbox(t, account);
  const visitor = await connectVisitor(t, { inboxToken: chat.token });
  const front = await uploadAsVisitor(t, visitor, chat.token, 'ci-anverso.png');
  const back = await uploadAsVisitor(t, visitor, chat.token, 'ci-reverso.png');
  const sent = await visitor.emit('message:send', {
    clientMessageId: 'photo-1',
    text: 'Le envío mi carnet',
    attachmentIds: [front, back],
  });
  expect(sent.ok).toBe(true);
  ids.chat = sent.message.conversationId;
  const chatContact = (await admin().get(`/conversations/${ids.chat}`)).body.data.contactId;
  // The agent who identified her merged the two records: one contact, two channels.
  expect((await admin().post(`/contacts/${chatContact}/merge`, { sourceContactId: apiContact })).status).toBe(
    200,
  );
  await admin().patch(`/contacts/${chatContact}`, {
    name: 'Ana Mamani',
    attributes: { nationalId: '4477889 LP', serviceNumber: 'FJ-20931' },
  });

  const beto = await incoming(t.url, api, {
    externalId: 'beto-1',
    contact: { externalId: 'cust-beto', name: 'Beto Choque' },
    text: 'Sin internet desde ayer',
  });
  ids.beto = beto.body.data.conversation.id;
  for (const id of [ids.chat, ids.beto]) {
    expect((await admin().post(`/conversations/${id}/assign`, { assigneeId: agentId })).status).toBe(200);
  }
  return { account, agentId, api, visitor, ids };
}

/** Desktop notifications and sounds are recorded in window.notices and window.beeps. */
export async function recordAlerts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { notices: string[]; beeps: number; Notification: unknown };
    w.notices = [];
    w.beeps = 0;
    w.Notification = class {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, opts?: { body?: string }) {
        w.notices.push(`${title} | ${opts?.body ?? ''}`);
      }
      close() {}
    };
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.beeps++;
      return original.call(this);
    };
  });
}
