// What node's HTTP parser refuses before express ever sees it — a request line or headers over its 16 KB
// limit, a request that is not HTTP, headers too slow to arrive — is answered in the API's one error shape
// ({"error":{"code","message"}}) with the status node would give, instead of node's bare status line.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '#server/errors.ts';

function appErrorOf(err: Error & { code?: string }): AppError {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return new AppError('headers_too_large', 'the request line or its headers are too large', { cause: err });
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new AppError('request_timeout', 'the request took too long to arrive', { cause: err });
  }
  return new AppError('bad_request', 'the request is not well-formed HTTP', { cause: err });
}

/** The socket's response in flight, as node's own default handler finds it (there is no public API). */
type HttpSocket = Duplex & { _httpMessage?: { headersSent?: boolean } | null };

/** The http server's 'clientError' handler: an answer unless one is under way, then the socket goes. */
export function answerClientError(err: Error & { code?: string }, socket: HttpSocket) {
  // A peer that hung up, or a response already started on this connection: writing would corrupt it.
  if (err.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const e = appErrorOf(err);
  const body = JSON.stringify({ error: { code: e.code, message: e.message } });
  socket.end(
    `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
