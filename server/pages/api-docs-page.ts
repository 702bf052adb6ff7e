// The REST API's reference as a page people read: GET /api/docs in a browser (it asks for HTML) is
// Swagger UI over the hub's own OpenAPI document, served from the hub (no CDN: the hub may have no
// internet, and the page runs under the hub's strict Content-Security-Policy — its one script of ours is a
// file, not inline). A program asking /api/docs for anything else still gets the JSON, which is also at
// /api/openapi.json, /api/docs.json and /api/v1/openapi.json.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Express } from 'express';

const assetsDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const page = (version: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service hub — REST API ${version}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/start.js"></script>
</body>
</html>`;

// Reads the JSON document; no validator badge (it would call a public service), deep links to operations.
const start = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  validatorUrl: null,
  defaultModelsExpandDepth: 0,
  docExpansion: 'none',
  filter: true,
  persistAuthorization: false,
});
`;

export function apiDocsPage(app: Express, openapi: unknown, version: string): void {
  app.get(['/api/openapi.json', '/api/docs.json', '/api/v1/openapi.json'], (_req, res) => {
    res.json(openapi);
  });
  app.get('/api/docs', (req, res) => {
    // JSON first: a client that says nothing (*/*) keeps getting the document, as before.
    if (req.accepts(['json', 'html']) !== 'html') return res.json(openapi);
    res.type('html').send(page(version));
  });
  app.get('/api/docs/assets/start.js', (_req, res) => {
    res.type('application/javascript').send(start);
  });
  app.use('/api/docs/assets', express.static(assetsDir, { index: false, maxAge: '1d', fallthrough: false }));
}
