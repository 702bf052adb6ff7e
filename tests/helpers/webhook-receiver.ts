// A real HTTP server standing in for an integrator's endpoint: it records every delivery with its raw
// body and answers as the test scripts it (a status, a Retry-After, or hanging until closed).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Delivery = { headers: IncomingHttpHeaders; raw: string; body: any; at: number };
export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

export async function startWebhookReceiver() {
  const deliveries: Delivery[] = [];
  const script: Answer[] = [];
  let fallback: Answer = { status: 200 };
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {}
      const answer = script.shift() ?? fallback;
      deliveries.push({ headers: req.headers, raw, body, at: Date.now() });
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(answer.status, answer.headers ?? {});
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    /** Answers for the next deliveries, in order; after them, `always`. */
    answer(...answers: Answer[]) {
      script.push(...answers);
    },
    always(answer: Answer) {
      fallback = answer;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
