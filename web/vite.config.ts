// Builds the dashboard into web/dist, which Steward serves at /ui/ (src/server/routes/dashboard-routes.ts).
// `npx vite --config web/vite.config.ts` serves it with hot reload, sending /api to a local Steward.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const stewardUrl = process.env.STEWARD_URL ?? 'http://127.0.0.1:7400';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  plugins: [react()],
  // The dashboard uses the SDK from its source: no build step, never a stale copy.
  resolve: { alias: { '@steward/sdk': fileURLToPath(new URL('../packages/sdk/src/index.ts', import.meta.url)) } },
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': stewardUrl, '/openapi.json': stewardUrl } },
});
