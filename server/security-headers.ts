// Browser-facing security headers, from helmet. The console and the REST API: a Content-Security-Policy
// under which only the hub's own files run and load, no framing by any site (clickjacking), no referrer
// (a console URL names a conversation), and HSTS — but only on a request that came over HTTPS, directly or
// through the trusted loopback proxy (`req.secure`), so a plain-http install is never told to insist on
// HTTPS it does not have. The widget (its loader, app and frame) is embedded by customers' sites: it is
// never refused a frame or a cross-origin load, and its frame sends its own policy (widget-assets.ts).
import type { RequestHandler } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

type Directives = Record<string, string[]>;

/** What the console needs and nothing more: its bundle, inline styles (React's, the mail frame's and the
 * widget loader's shadow stylesheet in the admin's preview, both inheriting this policy), image
 * attachments as blob: URLs, the same-origin socket, and the widget frame in that preview. */
const hubDirectives: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'frame-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** A route's own policy, replacing the hub's (a page that needs something the console does not). */
export const pagePolicy = (directives: Directives): RequestHandler =>
  helmet.contentSecurityPolicy({ useDefaults: false, directives: { ...hubDirectives, ...directives } });

const isWidget = (path: string) => path === '/widget.js' || path.startsWith('/widget/');

export function securityHeaders(): RequestHandler {
  const hub = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: hubDirectives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  const widget = helmet({
    // The frame sets its own policy; the loader and app are scripts and styles, which a policy does not
    // govern. Any site may frame it and load its files.
    contentSecurityPolicy: false,
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // An opener policy means nothing in a frame, and the loader is no page.
    crossOriginOpenerPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  const hsts = strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: true });
  return (req, res, next) => {
    (isWidget(req.path) ? widget : hub)(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (req.secure) return hsts(req, res, next);
      next();
    });
  };
}
