// Property-based fuzzing of every way into the hub (issue 14): each route of the OpenAPI document it serves,
// every client event of /widget and /agent, both socket handshakes and a push channel's webhook, with
// valid, boundary and hostile input (tests/helpers/fuzz.ts), as an admin, an agent and nobody. Whatever
// arrives: never a 5xx, every 4xx says its code, the hub stays up, and nothing of a second account —
// seeded with a marker in its names, texts, e-mails and files — shows in any answer or event.
// The default run is short (CI). FUZZ_RUNS sets the REST runs (spread over the routes; sockets and
// webhooks get a share), FUZZ_SEED replays a run (`random` picks one): `npm run test:fuzz` runs long.
// FUZZ_DEBUG=1 also lists the routes that never answered a 2xx (where the generators stop short).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import {
  agentTypingBody,
  identifyBody,
  readBody,
  surveyBody,
  transcriptBody,
  typingBody,
  widgetSendBody,
} from '#shared/widget.schema.ts';
import * as wa from '#tests/channels/whatsapp_cloud/payloads.ts';
import {
  bodyFor,
  hostileString,
  hostileValue,
  type JsonSchema,
  mutated,
  pathIds,
  pct,
  queryFor,
  validValue,
  type WireBody,
} from '#tests/helpers/fuzz.ts';
import { type FuzzWorld, MARK, seedFuzzWorld } from '#tests/helpers/fuzz-world.ts';
import { startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { closeAllVisitors } from '#tests/helpers/widget.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED =
  process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20_260_514);
/** A long run needs longer than the suite's 2 minutes a test. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 40);
const share = (fraction: number) => Math.max(10, Math.round(RUNS * fraction));
const count = { requests: 0, events: 0, connects: 0, webhooks: 0, webhooksTaken: 0 };
/** Answers by status class, to see in the summary that the fuzz reaches past validation. */
const statuses: Record<string, number> = {};
/** Routes that answered a 2xx at least once: how many the fuzz got past the door of. */
const succeeded = new Set<string>();
const started = Date.now();

let t: TestHub;
let w: FuzzWorld;

beforeAll(async () => {
  t = await startTestHub();
  w = await seedFuzzWorld(t);
});
afterAll(async () => {
  closeAllVisitors();
  w?.close();
  await t?.destroy();
  console.log(
    `fuzz seed=${SEED} runs=${RUNS}: ${count.requests - count.webhooks} REST requests, ${count.events} socket events, ` +
      `${count.connects} handshakes, ${count.webhooks} webhooks (${count.webhooksTaken} taken) in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `${JSON.stringify(statuses)}, ${succeeded.size} routes answered a 2xx`,
  );
});

/** What no answer may be: a 5xx, a 4xx without a code, or anything of the other account. */
function judge(what: string, status: number, text: string): void {
  const said = `${what}\n→ ${status} ${text.slice(0, 400)}`;
  if (status >= 500) throw new Error(`server error: ${said}`);
  if (status >= 400) {
    let code: unknown;
    try {
      code = JSON.parse(text)?.error?.code;
    } catch {}
    if (typeof code !== 'string') throw new Error(`a ${status} without error.code: ${said}`);
  }
  if (text.toLowerCase().includes(MARK)) throw new Error(`the other account's data leaked: ${said}`);
}

const excerpt = (b: WireBody) =>
  `${b.label} ${b.contentType ?? '(no type)'}${b.encoding ? ` ${b.encoding}` : ''} ${JSON.stringify(b.body?.slice(0, 200))}`;

async function send(method: string, url: string, who: string, headers: Record<string, string>, b: WireBody) {
  const res = await fetch(url, {
    method,
    headers: {
      ...headers,
      ...(b.contentType ? { 'content-type': b.contentType } : {}),
      ...(b.encoding ? { 'content-encoding': b.encoding } : {}),
    },
    body: method === 'GET' ? undefined : b.body,
    signal: AbortSignal.timeout(30_000),
  });
  count.requests++;
  statuses[`${String(res.status)[0]}xx`] = (statuses[`${String(res.status)[0]}xx`] ?? 0) + 1;
  judge(`${method} ${url.slice(0, 300)} as ${who} with ${excerpt(b)}`, res.status, await res.text());
  return res.status;
}

type Operation = {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

it(
  'answers every route of the OpenAPI document with a 2xx or a coded 4xx, and only its own data',
  async () => {
    const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
    );
    expect(ops.length).toBeGreaterThan(50);
    const perRoute = Math.max(2, Math.round(RUNS / ops.length));
    for (const [i, op] of ops.entries()) {
      const inPath = op.parameters.filter((p) => p.in === 'path');
      const inQuery = op.parameters.filter((p) => p.in === 'query');
      const inHeader = op.parameters.filter((p) => p.in === 'header');
      const content = op.requestBody?.content ?? {};
      const multipart = 'multipart/form-data' in content;
      // The API channel's door is an inbox id with its token: often given as a pair, or it is never opened.
      const door = (real: fc.Arbitrary<string>, pair: string) => fc.oneof(real, fc.constant(pair));
      const tokenDoor = inHeader.some((p) => p.name === 'X-Inbox-Token');
      const request = fc.record({
        who: fc.constantFrom('admin', 'admin', 'admin', 'agent', 'agent', 'nobody', 'garbage'),
        path: fc.tuple(
          ...inPath.map((p) => {
            const segments = op.path.split('/');
            const collection = segments[segments.indexOf(`{${p.name}}`) - 1];
            const ids = p.schema.pattern ? pathIds(w.idsIn(collection)) : w.names;
            return tokenDoor && p.name === 'id' ? door(ids, w.apiInbox.id) : ids;
          }),
        ),
        query: queryFor(inQuery, w.ids, { inbox: w.inboxTokens }),
        headers: fc.tuple(
          ...inHeader.map((p) =>
            p.name === 'X-Inbox-Token'
              ? door(w.headerValues(p.name), w.apiInbox.token)
              : w.headerValues(p.name),
          ),
        ),
        body: multipart ? w.uploads : bodyFor(content['application/json']?.schema, w.ids),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let path = op.path;
          for (const [k, p] of inPath.entries()) path = path.replace(`{${p.name}}`, r.path[k] ?? '1');
          const headers: Record<string, string> = Object.fromEntries(
            inHeader.map((p, k) => [p.name, r.headers[k]]),
          );
          const token = w.token(r.who);
          if (token) headers.authorization = `Bearer ${token}`;
          const status = await send(op.method, `${t.url}${path}${r.query}`, r.who, headers, r.body);
          if (status < 300) succeeded.add(`${op.method} ${op.path}`);
          if (op.method !== 'GET' && /^\/api\/v1\/(users|me|auth)\b/.test(op.path)) await w.restoreHarness();
        }),
        { numRuns: perRoute, seed: SEED + i, endOnFailure: true },
      );
    }
    if (process.env.FUZZ_DEBUG) {
      console.log(
        'never a 2xx:',
        ops.map((o) => `${o.method} ${o.path}`).filter((k) => !succeeded.has(k)),
      );
    }
    await w.expectUp();
  },
  TIMEOUT_MS,
);

const widgetEvents = {
  'message:send': widgetSendBody,
  identify: identifyBody,
  typing: typingBody,
  'messages:read': readBody,
  'survey:submit': surveyBody,
  'transcript:request': transcriptBody,
} as const;
const schemaOf = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;

/** A payload for an event: what its schema takes, the same with a hostile part, hostile, or binary. */
const payloadFor = (s: z.ZodType | undefined) => {
  const valid = s ? validValue(schemaOf(s), w.ids) : fc.constant({});
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: mutated(valid) },
    { weight: 2, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(Buffer.from([0, 0xd8, 0, 0xff])) },
  );
};

it(
  'answers every /widget event, however malformed, with ok or a coded error',
  async () => {
    const known = Object.keys(widgetEvents) as (keyof typeof widgetEvents)[];
    const unknown = ['session', 'message:new', 'nope', '__proto__', 'constructor', 'toString', 'error'];
    const event = fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .constantFrom(...known)
          .chain((e) => fc.tuple(fc.constant(e), payloadFor(widgetEvents[e]))),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...unknown), payloadFor(undefined)) },
    );
    await fc.assert(
      fc.asyncProperty(
        event,
        fc.constantFrom('payload+ack', 'ack only', 'no ack', 'extra args'),
        async ([name, payload], shape) => {
          const v = await w.visitor();
          const what = `/widget ${name} (${shape}) ${JSON.stringify(payload)?.slice(0, 300)}`;
          count.events++;
          const isKnown = Object.hasOwn(widgetEvents, name);
          if (!isKnown || shape === 'no ack') v.socket.emit(name, payload);
          const answer =
            !isKnown || shape === 'no ack'
              ? await v.emit('typing', { on: false })
              : shape === 'ack only'
                ? await v.emit(name)
                : shape === 'extra args'
                  ? await v.emit(name, payload, hostileString, 42)
                  : await v.emit(name, payload);
          w.judgeAck(what, answer);
        },
      ),
      { numRuns: share(1 / 5), seed: SEED, endOnFailure: true },
    );
    await w.expectUp();
  },
  TIMEOUT_MS,
);

it(
  'answers every /agent event with ok or a coded error',
  async () => {
    const payload = payloadFor(agentTypingBody);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('admin', 'agent'), payload, async (who, p) => {
        count.events++;
        const answer = await w.agentEmit(who, 'typing', p);
        w.judgeAck(`/agent typing as ${who} ${JSON.stringify(p)?.slice(0, 300)}`, answer);
      }),
      { numRuns: share(1 / 12), seed: SEED, endOnFailure: true },
    );
    await w.expectUp();
  },
  TIMEOUT_MS,
);

it(
  'refuses a socket handshake it cannot accept with a code, never a failure of its own',
  async () => {
    const widgetAuth = fc.oneof(
      fc.record({ inboxToken: fc.oneof(w.inboxTokens, hostileString) }, { requiredKeys: [] }),
      fc.record({ inboxToken: w.inboxTokens, visitorToken: fc.oneof(hostileString, w.visitorTokens) }),
      fc.record({ inboxToken: w.inboxTokens, verified: payloadFor(undefined) }),
      mutated(fc.record({ inboxToken: w.inboxTokens })),
    );
    const agentAuth = fc.record({ token: fc.oneof(hostileString, fc.constantFrom(...w.agentTokens())) });
    const handshake = fc.oneof(
      fc.tuple(fc.constant('/widget' as const), widgetAuth),
      fc.tuple(fc.constant('/agent' as const), agentAuth),
    );
    await fc.assert(
      fc.asyncProperty(handshake, async ([ns, auth]) => {
        count.connects++;
        await w.handshake(ns, auth);
      }),
      { numRuns: share(1 / 15), seed: SEED, endOnFailure: true },
    );
    await w.expectUp();
  },
  TIMEOUT_MS,
);

it(
  'answers push-channel webhooks, signed or not, with a 2xx or a coded 4xx',
  async () => {
    const customer = { waId: '59899123456', name: 'Fuzz' };
    // Meta's payloads (a message builder gives {id, payload}; a receipt is the payload itself).
    const bases: unknown[] = [
      wa.text(customer, 'hola').payload,
      wa.status(wa.wamid(), 'delivered', customer.waId),
      wa.reaction(customer, wa.wamid(), '👍').payload,
      wa.location(customer).payload,
      wa.contactsCard(customer).payload,
      wa.buttonReply(customer, 'b1', 'Sí').payload,
      wa.listReply(customer, 'l1', 'Uno', 'el primero').payload,
      wa.unsupported(customer).payload,
    ];
    const body = fc.oneof(
      { weight: 4, arbitrary: mutated(fc.constantFrom(...bases)).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.constantFrom(...bases).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? '') },
      { weight: 1, arbitrary: fc.constantFrom('', '{', 'a=b', '\u0000') },
    );
    const query = fc.oneof(
      fc.constant(`?hub.mode=subscribe&hub.verify_token=${w.cloudInbox.verifyToken}&hub.challenge=42`),
      hostileString.map((s) => `?hub.mode=subscribe&hub.verify_token=${pct(s)}&hub.challenge=${pct(s)}`),
    );
    // Half of them at the door a provider uses (its inbox, signed right), so payloads reach the channel.
    const hook = fc.oneof(
      fc.record({
        channel: fc.constant('whatsapp_cloud'),
        inbox: fc.constant(w.cloudInbox.id),
        signed: fc.constant('right'),
        body,
        query,
        method: fc.constantFrom('POST', 'POST', 'POST', 'GET'),
      }),
      fc.record({
        channel: fc.constantFrom('whatsapp_cloud', 'facebook', 'api', 'webchat', 'nope', '%00'),
        inbox: fc.oneof(fc.constant(w.cloudInbox.id), pathIds(w.ids)),
        signed: fc.constantFrom('right', 'wrong', 'none'),
        body,
        query,
        method: fc.constantFrom('POST', 'GET'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(hook, async (h) => {
        count.webhooks++;
        const sig: Record<string, string> =
          h.signed === 'none'
            ? {}
            : {
                'x-hub-signature-256': wa.signature(
                  h.signed === 'right' ? w.cloudInbox.appSecret : 'nope',
                  h.body,
                ),
              };
        const url = `${t.url}/webhooks/${h.channel}/${h.inbox}${h.method === 'GET' ? h.query : ''}`;
        const status = await send(h.method, url, `signature ${h.signed}`, sig, {
          contentType: 'application/json',
          body: h.body,
          label: 'webhook',
        });
        if (status < 300) count.webhooksTaken++;
      }),
      { numRuns: share(1 / 10), seed: SEED, endOnFailure: true },
    );
    await w.expectUp();
  },
  TIMEOUT_MS,
);

it('never shows the other account in any event an agent or a visitor of this one received', async () => {
  // A positive control first: the other account's own agent sees its live traffic, so it was sent.
  await w.otherAccountTalks('late');
  w.expectNoLeakInEvents();
  await w.expectUp();
});
