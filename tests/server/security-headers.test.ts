// Security headers as a browser receives them: the console and the REST API carry a Content-Security-Policy
// that lets nothing but the hub itself run or load, cannot be framed, send no referrer, and ask for HTTPS
// only when reached over HTTPS (through the trusted loopback proxy); the widget's frame keeps its own
// policy and stays frameable by the sites that embed it, and its files stay loadable from any site.
// socket.io: /agent takes only the console's own origin (or a client that sends none, as servers do);
// /widget takes any origin, without credentials.
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { closeAllVisitors, connectVisitor, webchatInbox } from '#tests/helpers/widget.ts';

let t: TestHub;
let account: SeededAccount;
let widgetToken: string;

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  widgetToken = (await webchatInbox(t, account)).token;
});
afterAll(async () => {
  closeAllVisitors();
  await t?.destroy();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe('console and REST headers', () => {
  const pages: [string, () => Promise<Response>][] = [
    ['the console page', () => get('/')],
    ['a console deep link', () => get('/conversations/1')],
    ['a REST answer', () => get('/api/v1/me', { authorization: `Bearer ${account.adminToken}` })],
    ['a REST error', () => get('/api/v1/me')],
    ['an unknown API route', () => get('/api/v1/nothing-here')],
    ['the health check', () => get('/health')],
  ];

  it.each(pages)('%s runs and loads only the hub itself and cannot be framed', async (_name, load) => {
    const res = await load();
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['default-src']).toBe("'self'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['base-uri']).toBe("'self'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Plain http: a browser ignores HSTS there, and the hub does not claim HTTPS it may not have.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it.each(['/mentions?focus=3', '/account', '/admin/users', '/conversations/7'])(
    'serves the console at %s, so a reload or a shared link opens the page',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<div id="root">');
    },
  );

  it('asks for HTTPS when the trusted proxy says the request came over HTTPS', async () => {
    const secure = await get('/', { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const api = await get('/api/v1/me', { 'x-forwarded-proto': 'https' });
    expect(api.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('widget headers', () => {
  it('lets any site frame the widget, with a policy of its own', async () => {
    const res = await get(`/widget/frame?inbox=${widgetToken}`);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['default-src']).toBe("'self'");
    expect(csp['frame-ancestors']).toBeUndefined();
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const secure = await get(`/widget/frame?inbox=${widgetToken}`, { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it.each(['/widget.js', '/widget/app.js', '/widget/app.css'])('serves %s to any site', async (path) => {
    const res = await get(path, { origin: 'http://shop.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers the widget API to any site', async () => {
    const res = await get(`/api/v1/widget/config?inbox=${widgetToken}`, { origin: 'http://shop.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('socket.io origins', () => {
  /** Connects to a namespace over `transport`, sending `origin` as a browser would; resolves how it went. */
  function attempt(
    namespace: '/agent' | '/widget',
    auth: Record<string, string>,
    transport: 'websocket' | 'polling',
    origin?: string,
  ): Promise<string> {
    const socket = connect(`${t.url}${namespace}`, {
      auth,
      transports: [transport],
      reconnection: false,
      ...(origin ? { extraHeaders: { origin } } : {}),
    });
    return new Promise((resolve) => {
      socket.once(namespace === '/widget' ? 'session' : 'connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', (err) => {
        socket.close();
        resolve(`refused: ${err.message}`);
      });
    });
  }

  it.each(['websocket', 'polling'] as const)('refuses /agent from another origin (%s)', async (transport) => {
    expect(await attempt('/agent', { token: account.adminToken }, transport, 'http://evil.example')).toMatch(
      /^refused/,
    );
    expect(
      await attempt(
        '/agent',
        { token: account.adminToken },
        transport,
        t.url.replace('127.0.0.1', 'localhost'),
      ),
    ).toMatch(/^refused/);
  });

  it.each(['websocket', 'polling'] as const)(
    'accepts /agent from the console origin or no origin (%s)',
    async (transport) => {
      expect(await attempt('/agent', { token: account.adminToken }, transport, t.url)).toBe('connected');
      expect(await attempt('/agent', { token: account.adminToken }, transport)).toBe('connected');
    },
  );

  it.each(['websocket', 'polling'] as const)('accepts /widget from any origin (%s)', async (transport) => {
    expect(await attempt('/widget', { inboxToken: widgetToken }, transport, 'http://shop.example')).toBe(
      'connected',
    );
  });

  it('never allows credentials to another origin', async () => {
    const res = await get('/socket.io/?EIO=4&transport=polling', { origin: 'http://evil.example' });
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
    // connectVisitor is the widget's own way in: unaffected.
    expect((await connectVisitor(t, { inboxToken: widgetToken })).session.visitorToken).toBeTruthy();
  });
});
