// `npm start`: parse the environment, build the hub, seed the demo account on first start, serve.
import { seedDemoIfEmpty } from '#server/accounts/seed-demo.ts';
import { ConfigError, parseConfig } from '#server/config.ts';
import { createHub } from '#server/hub.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const hub = await createHub(config);
  await hub.start();
  const seed = config.SEED_DEMO
    ? await seedDemoIfEmpty(hub.ctx, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD })
    : null;

  const lines = [
    '',
    `  Omnichannel hub is running (${hub.ctx.database.kind})`,
    `  Agent console : ${hub.url}/`,
    `  Widget demo   : ${hub.url}/demo`,
    `  API docs      : ${hub.url}/api/docs`,
  ];
  if (seed) {
    lines.push(
      `  Admin login   : ${seed.email} / ${config.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : seed.password}`,
      // Inboxes fed over REST: what an integrator needs to post to them (web chat is on the demo page).
      ...seed.inboxes
        .filter((i) => i.inbound === 'rest')
        .map(
          (i) =>
            `  ${`${i.label} inbox`.padEnd(14)}: id ${i.id}, X-Inbox-Token ${i.token}, signing secret ${i.secret}`,
        ),
      '  (the generated password and secret are shown only this once)',
    );
  }
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    hub.ctx.log.info({ signal }, 'shutting down');
    await hub.stop().catch((err: unknown) => hub.ctx.log.error({ err }, 'shutdown failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('The hub could not start:', err);
  process.exit(1);
});
