// The console's search box over a large message history, on a hub as `npm start` runs it.
//   - Seeds BENCH_SEARCH_MESSAGES messages (default 300,000) across 3,000 conversations: chat-like
//     sentences from a small vocabulary, and in every 1,000th message a national ID number.
//   - Times GET /search (contacts and conversations together, as the console asks) for a rare number,
//     a rare word and two common words, p50 over BENCH_SEARCH_REPEAT runs.
//   - Baselines on the same database, same rows: the bare message query the search makes (the indexed
//     path), and the same ILIKE query over a copy of the messages table without the trigram index
//     (what every search cost before the index: a scan of the whole account's history).
// Usage: npx tsx bench/search.ts [pglite|postgres|both]
import { performance } from 'node:perf_hooks';
import { contacts, conversations } from '#server/db/schema.ts';
import { client, seedAccount } from '#tests/helpers/hub.ts';
import { baselineRunner, type Engine, envInt, loadavg, startBenchHub, stats, table } from './lib.ts';

const MESSAGES = envInt('BENCH_SEARCH_MESSAGES', 300_000);
const CONVERSATIONS = 3_000;
const REPEAT = envInt('BENCH_SEARCH_REPEAT', 15);

const queries: { label: string; q: string }[] = [
  { label: 'rare number', q: '40123003' },
  { label: 'rare word', q: 'portabilidad' },
  { label: 'two common words', q: 'saldo recarga' },
];

async function runEngine(engine: Engine): Promise<string[][]> {
  const t = await startBenchHub(engine);
  try {
    const { db } = t.hub.ctx;
    const account = await seedAccount(t, 'Search bench');
    const inbox = Number((await account.apiInbox()).id);
    const people = await db
      .insert(contacts)
      .values(
        Array.from({ length: CONVERSATIONS }, (_, i) => ({
          accountId: account.accountId,
          name: `Cliente ${i}`,
        })),
      )
      .returning({ id: contacts.id });
    const convs = await db
      .insert(conversations)
      .values(
        people.map((c, i) => ({
          accountId: account.accountId,
          inboxId: inbox,
          contactId: c.id,
          threadKey: `search:${i}`,
          status: 'resolved' as const,
        })),
      )
      .returning({ id: conversations.id });
    const first = convs[0].id;
    const runner = await baselineRunner(t);
    const seed0 = performance.now();
    // Chat-like sentences; 'portabilidad' in one message of 5,000, a national ID in one of 1,000.
    for (let from = 0; from < MESSAGES; from += 50_000) {
      const n = Math.min(50_000, MESSAGES - from);
      await runner.run(
        `insert into messages (account_id, conversation_id, inbox_id, direction, sender_type, text, status, created_at)
         select $1, $2 + (g % $3), $4,
                case when g % 2 = 0 then 'in' else 'out' end,
                case when g % 2 = 0 then 'contact' else 'agent' end,
                (array['Hola, buenas tardes','Quisiera saber mi saldo','La recarga no llegó','Gracias por su ayuda',
                       'El plan de datos no funciona','Necesito cambiar mi plan','Le ayudo con la recarga de saldo',
                       'Su factura vence el lunes'])[1 + g % 8]
                || case when g % 5000 = 17 then ' y la portabilidad del número' else '' end
                || case when g % 1000 = 3 then ' cédula ' || (40000000 + g) else '' end
                || ' ' || md5(g::text),
                'delivered', now() - (($5 - g) || ' seconds')::interval
         from generate_series($6::int, $7::int) g`,
        [account.accountId, first, CONVERSATIONS, inbox, MESSAGES, from, from + n - 1],
      );
    }
    await runner.run('analyze', []);
    await runner.run('create table messages_unindexed as select * from messages', []);
    await runner.run('analyze messages_unindexed', []);
    const seedS = (performance.now() - seed0) / 1000;
    console.log(
      `\n${engine}: ${runner.server}; ${MESSAGES} messages seeded in ${seedS.toFixed(1)} s; load avg ${loadavg()}`,
    );

    const api = client(t.url, account.adminToken);
    const rows: string[][] = [];
    for (const { label, q } of queries) {
      const terms = q.split(/\s+/);
      const bareQuery = (from: string) =>
        `select m.conversation_id, max(m.id) from ${from} m join conversations c on c.id = m.conversation_id
         where c.account_id = $1 and m.account_id = $1 and m.sender_type in ('contact', 'agent')
           and ${terms.map((_, i) => `m.text ilike $${i + 2}`).join(' and ')}
         group by m.conversation_id order by 2 desc limit 20`;
      const args = [account.accountId, ...terms.map((w) => `%${w}%`)];
      const time = async (f: () => Promise<unknown>) => {
        await f();
        const ms: number[] = [];
        for (let i = 0; i < REPEAT; i++) {
          const t0 = performance.now();
          await f();
          ms.push(performance.now() - t0);
        }
        return stats(ms).p50;
      };
      const hits = (await api.get(`/search?q=${encodeURIComponent(q)}`)) as {
        status: number;
        body: { data: { conversations: unknown[] } };
      };
      if (hits.status !== 200 || !hits.body.data.conversations.length)
        throw new Error(`search for ${q} found nothing (${hits.status})`);
      const apiMs = await time(() => api.get(`/search?q=${encodeURIComponent(q)}`));
      const indexedMs = await time(() => runner.run(bareQuery('messages'), args));
      const scanMs = await time(() => runner.run(bareQuery('messages_unindexed'), args));
      console.log(
        `  ${label} (${hits.body.data.conversations.length} conversations): API p50 ${apiMs.toFixed(1)} ms; bare query ${indexedMs.toFixed(1)} ms; unindexed scan ${scanMs.toFixed(1)} ms`,
      );
      rows.push([
        engine,
        label,
        apiMs.toFixed(1),
        (apiMs / indexedMs).toFixed(1),
        scanMs.toFixed(1),
        (scanMs / apiMs).toFixed(1),
      ]);
    }
    await runner.run('drop table messages_unindexed', []);
    await runner.close();
    return rows;
  } finally {
    await t.destroy();
  }
}

const which = process.argv[2] ?? 'both';
const engines: Engine[] = which === 'both' ? ['pglite', 'postgres'] : [which as Engine];
const rows: string[][] = [];
for (const e of engines) rows.push(...(await runEngine(e)));
console.log(
  `\n${MESSAGES} messages\n${table(['engine', 'query', 'API p50 ms', '÷ bare query', 'unindexed scan ms', 'scan ÷ API'], rows)}`,
);
process.exit(0);
