// What follow-up specs share: an account with its four roles of QP-14 (the manager, finance, a follow-up
// employee, an agent), an API inbox (with the integrator's endpoint when the channel must deliver), a
// customer's conversation coming in through it, and a socket that hears a user's notices.
import { io as connect, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { client, incoming, type SeededAccount, seedAccount, type TestHub } from '#tests/helpers/hub.ts';

export type Api = ReturnType<typeof client>;
export type Person = { api: Api; id: string; token: string };

export const expectError = (res: { status: number; body: any }, status: number, code: string) =>
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });

export async function seedFollowUpWorld(t: TestHub, name: string, webhookUrl?: string) {
  const acct: SeededAccount = await seedAccount(t, name);
  const make = async (
    role: 'supervisor' | 'finance' | 'follow_up' | 'agent',
    who: string,
  ): Promise<Person> => {
    const u = await acct.user(role, who);
    return { api: client(t.url, u.token), id: String(u.user.id), token: u.token };
  };
  const manager = await make('supervisor', 'Sofía manager');
  const finance = await make('finance', 'Fabio finance');
  const followUp = await make('follow_up', 'Fátima follow-up');
  const agent = await make('agent', 'Ana agent');
  const inbox = await acct.apiInbox(webhookUrl);
  let serial = 0;
  /** A customer's conversation through the API inbox, its contact named and with a service number. */
  const conversation = async (customer = `Customer ${++serial}`) => {
    const key = `fu-${Date.now()}-${++serial}`;
    const res = await incoming(t.url, inbox, {
      externalId: `${key}-m`,
      contact: { externalId: key, name: customer },
      text: 'I paid for a month and the internet was down for a week',
      threadKey: key,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return {
      id: res.body.data.conversation.id as string,
      contactId: res.body.data.conversation.contactId as string,
    };
  };
  return {
    acct,
    admin: client(t.url, acct.adminToken),
    manager,
    finance,
    followUp,
    agent,
    inbox,
    conversation,
  };
}

/** Everything a user hears as `notice` on the /agent namespace. */
export async function listen(t: TestHub, token: string, sockets: Socket[]): Promise<any[]> {
  const heard: any[] = [];
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  socket.on('notice', (n) => heard.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.once('hello', () => resolve());
    socket.once('connect_error', reject);
  });
  return heard;
}
