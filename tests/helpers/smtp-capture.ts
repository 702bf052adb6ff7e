// A real SMTP server (the `smtp-server` package) on a free loopback port that keeps every mail it is
// given, parsed, and can be told to refuse the next one the way real servers do: 451 (try again
// later), 550 (refused for good) or a failed login (535).
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type CapturedMail = { raw: Buffer; parsed: ParsedMail; envelopeTo: string[]; user: string };
export type SmtpFailure = 'temporary' | 'permanent' | 'auth';

export type SmtpCapture = {
  host: string;
  port: number;
  user: string;
  password: string;
  mails: CapturedMail[];
  failNext(kind: SmtpFailure): void;
  /** Resolves with the first captured mail matching `pick`, waiting for it up to `timeoutMs`. */
  waitFor(pick: (m: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
};

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const user = 'hub';
  const password = 'smtp-secret';
  const mails: CapturedMail[] = [];
  const failures: SmtpFailure[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, done) {
      if (failures[0] === 'auth') {
        failures.shift();
        return done(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      }
      if (auth.username !== user || auth.password !== password) {
        return done(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      }
      done(null, { user: auth.username });
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const failure = failures[0] === 'temporary' || failures[0] === 'permanent' ? failures.shift() : null;
        if (failure === 'temporary') {
          return done(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        if (failure === 'permanent') {
          return done(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              raw,
              parsed,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              user: String(session.user ?? ''),
            });
            for (const w of waiters) w();
            done();
          },
          (err: Error) => done(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});
  const { port } = server.server.address() as { port: number };

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    mails,
    failNext(kind) {
      failures.push(kind);
    },
    waitFor(pick, timeoutMs = 10_000) {
      const found = mails.find(pick);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = mails.find(pick);
          if (m) {
            cleanup();
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching mail within ${timeoutMs} ms (${mails.length} captured)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
