// The agent console's build: a single-page app under /, output in dist/console (served by the hub), or in
// CONSOLE_DIST_DIR when set (so two test runs on one checkout do not empty each other's build).
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: { alias: { '#shared': join(root, '..', 'shared') } },
  build: {
    outDir: process.env.CONSOLE_DIST_DIR ?? join(root, '..', 'dist', 'console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
