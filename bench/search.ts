// The console's search box over a large message history, on a hub as `npm start` runs it.
//   - Seeds BENCH_SEARCH_MESSAGES messages (default 300,000) across 3,000 conversations: chat-like
//     sentences from a small vocabulary, and in every 1,000th message a national ID number.
//   - Times GET /search (contacts and conversations together, as the console asks) for a rare number,
//     a rare word and two common words, p50 over BENCH_SEARCH_REPEAT runs.
//   - Baselines on the same database, same rows: the bare message query the search makes (the indexed
//     path), and the same ILIKE query over a copy of the messages table without the trigram index
//     (what every search cost before the index: a scan of the whole account's history).
//   - Contacts: BENCH_SEARCH_CONTACTS (default 200,000) with a national ID and a service number each;
//     GET /contacts?q= for a national ID, a piece of a name and phone digits, against the match as it
//     was written before the index (field by field, attribute values through jsonb_each_text) over a
//     copy of the contacts table.
// Usage: npx tsx bench/search.ts [pglite|postgres|both]
import { performance } from 'node:perf_hooks';
import { contacts, conversations } from '#server/db/schema.ts';
import { client, seedAccount } from '#tests/helpers/hub.ts';
import { baselineRunner, type Engine, envInt, loadavg, startBenchHub, stats, table } from './lib.ts';

const MESSAGES = envInt('BENCH_SEARCH_MESSAGES', 300_000);
const CONVERSATIONS = 3_000;
const CONTACTS = envInt('BENCH_SEARCH_CONTACTS', 200_000);
const REPEAT = envInt('BENCH_SEARCH_REPEAT', 15);

const contactQueries: { label: string; q: string }[] = [
  { label: 'contact by national ID', q: '5123457' },
  { label: 'contact by name piece', q: 'quispe 12345' },
  { label: 'contact by phone digits', q: '7791 9000' },
];

const queries: { label: string; q: string }[] = [
  { label: 'rare number', q: '40123003' },
  { label: 'rare word', q: 'portabilidad' },
  { label: 'two common words', q: 'saldo recarga' },
];

async function runEngine(engine: Engine): Promise<string[][]> {
  const t = await startBenchHub(engine);
  let runner: Awaited<ReturnType<typeof baselineRunner>> | undefined;
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
    runner = await baselineRunner(t);
    const run = runner.run;
    const seed0 = performance.now();
    // Chat-like sentences; 'portabilidad' in one message of 5,000, a national ID in one of 1,000.
    for (let from = 0; from < MESSAGES; from += 50_000) {
      const n = Math.min(50_000, MESSAGES - from);
      await run(
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
    await run('analyze', []);
    await run('create table messages_unindexed as select * from messages', []);
    await run('analyze messages_unindexed', []);
    const seedS = (performance.now() - seed0) / 1000;
    console.log(
      `\n${engine}: ${runner.server}; ${MESSAGES} messages seeded in ${seedS.toFixed(1)} s; load avg ${loadavg()}`,
    );

    const api = client(t.url, account.adminToken);
    const rows: string[][] = [];
    const time = async (f: () => Promise<unknown>, repeat = REPEAT) => {
      await f();
      const ms: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const t0 = performance.now();
        await f();
        ms.push(performance.now() - t0);
      }
      return stats(ms).p50;
    };
    for (const { label, q } of queries) {
      const terms = q.split(/\s+/);
      const bareQuery = (from: string) =>
        `select m.conversation_id, max(m.id) from ${from} m join conversations c on c.id = m.conversation_id
         where c.account_id = $1 and m.account_id = $1 and m.sender_type in ('contact', 'agent')
           and ${terms.map((_, i) => `m.text ilike $${i + 2}`).join(' and ')}
         group by m.conversation_id order by 2 desc limit 20`;
      const args = [account.accountId, ...terms.map((w) => `%${w}%`)];
      const hits = (await api.get(`/search?q=${encodeURIComponent(q)}`)) as {
        status: number;
        body: { data: { conversations: unknown[] } };
      };
      if (hits.status !== 200 || !hits.body.data.conversations.length)
        throw new Error(`search for ${q} found nothing (${hits.status})`);
      const apiMs = await time(() => api.get(`/search?q=${encodeURIComponent(q)}`));
      const indexedMs = await time(() => run(bareQuery('messages'), args));
      const scanMs = await time(() => run(bareQuery('messages_unindexed'), args));
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
    await run('drop table messages_unindexed', []);

    // Contacts: a national ID (CI) and a service number each, phones in E.164.
    const contacts0 = performance.now();
    for (let from = 0; from < CONTACTS; from += 50_000) {
      const n = Math.min(50_000, CONTACTS - from);
      await run(
        `insert into contacts (account_id, name, phone, attributes)
         select $1, 'Cliente ' || (array['Quispe','Mamani','Flores','Rojas','Vargas'])[1 + g % 5] || ' ' || g,
                '+5917' || lpad((g * 7919 % 10000000)::text, 7, '0'),
                jsonb_build_object('ci', (5000000 + g)::text, 'servicio', (2000000 + g)::text)
         from generate_series($2::int, $3::int) g`,
        [account.accountId, from, from + n - 1],
      );
    }
    await run('analyze contacts', []);
    await run('create table contacts_unindexed as select * from contacts', []);
    await run('analyze contacts_unindexed', []);
    console.log(`  ${CONTACTS} contacts seeded in ${((performance.now() - contacts0) / 1000).toFixed(1)} s`);
    for (const { label, q } of contactQueries) {
      // Seeding and the slow scans leave the API's keep-alive socket idle past the server's timeout:
      // the next request may meet a closed socket (ECONNRESET), which says nothing about search.
      await api.get('/contacts?limit=1').catch(() => undefined);
      const found = (await api.get(`/contacts?q=${encodeURIComponent(q)}&limit=20`)) as {
        status: number;
        body: { data: unknown[] };
      };
      if (found.status !== 200 || !found.body.data.length)
        throw new Error(`contact search for ${q} found nothing (${found.status})`);
      const digits = q.replace(/\D/g, '');
      const phoneLike = /^[\d\s+().-]+$/.test(q) && digits.length >= 4;
      // The match as it was written before the index: each field and attribute value on its own.
      const scan = `select id from contacts_unindexed c
         where account_id = $1 and merged_into_id is null
           and (c.name ilike $2 or c.email ilike $2 or c.phone ilike $2
                ${phoneLike ? "or regexp_replace(c.phone, '[^0-9]', '', 'g') like $3" : ''}
                or exists (select 1 from jsonb_each_text(c.attributes) as a(k, v) where a.v ilike $2)
                or exists (select 1 from contact_identities i where i.contact_id = c.id and i.external_id ilike $2))
         order by id desc limit 21`;
      const scanArgs = [account.accountId, `%${q}%`, ...(phoneLike ? [`%${digits}%`] : [])];
      const apiMs = await time(() => api.get(`/contacts?q=${encodeURIComponent(q)}&limit=20`));
      const scanMs = await time(() => run(scan, scanArgs), 3); // seconds each on PGlite
      console.log(
        `  ${label} (${found.body.data.length} contacts): API p50 ${apiMs.toFixed(1)} ms; unindexed scan ${scanMs.toFixed(1)} ms`,
      );
      rows.push([engine, label, apiMs.toFixed(1), '', scanMs.toFixed(1), (scanMs / apiMs).toFixed(1)]);
    }
    await run('drop table contacts_unindexed', []);
    return rows;
  } catch (err) {
    console.error(err); // before the database is dropped under the baseline's open connection
    throw err;
  } finally {
    await runner?.close();
    await t.destroy();
  }
}

const which = process.argv[2] ?? 'both';
const engines: Engine[] = which === 'both' ? ['pglite', 'postgres'] : [which as Engine];
const rows: string[][] = [];
for (const e of engines) rows.push(...(await runEngine(e)));
console.log(
  `\n${MESSAGES} messages, ${CONTACTS} contacts\n${table(['engine', 'query', 'API p50 ms', '÷ bare query', 'unindexed scan ms', 'scan ÷ API'], rows)}`,
);
process.exit(0);
