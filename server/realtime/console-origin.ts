// The /agent socket is the console's: a page of another site must not open it in an agent's browser.
// CORS does not cover WebSockets at all (and the hub allows no credentials cross-origin anyway), so the
// origin a browser sends is checked here, before the token. Accepted: the hub's PUBLIC_URL, the host the
// request was made to (the console is served by the hub itself, whatever name it is reached by), or no
// origin — a browser always sends one, so that is a server or script (socket.io-client in Node), which
// no web page can impersonate.
import type { Socket } from 'socket.io';

export function consoleOriginOnly(publicUrl: string | undefined) {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  return (socket: Socket, next: (err?: Error) => void): void => {
    const { origin, host } = socket.handshake.headers;
    if (origin === undefined || origin === publicOrigin || hostOf(origin) === host) {
      next();
      return;
    }
    next(
      Object.assign(new Error('the agent socket is open only to the console'), {
        data: { code: 'forbidden' },
      }),
    );
  };
}

/** `null` (a sandboxed frame, a file) and anything unparsable match no host. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
