import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev:web`: the page with hot reload, the API proxied from the service that
// `npm start` runs on 127.0.0.1:3000. Page routes live under /app, so they never collide
// with an API path.
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const apiPaths = ['/tasks', '/orders', '/kpis', '/calendar', '/notifications', '/dev', '/docs', '/healthz', '/readyz'];

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
