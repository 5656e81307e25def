// The console: `npm run build:web` (→ dist/web, served by the API at /), `npm run dev:web` (Vite on :5173, /api proxied to the API),
// `npm run test:web` (Vitest over src/**/*.test.ts).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // big libraries change rarely: their own files stay cached (immutable) across console releases
        manualChunks: (id) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'charts'
            : /node_modules\/(antd|@ant-design|rc-|@rc-component)/.test(id)
              ? 'antd'
              : id.includes('node_modules/')
                ? 'vendor'
                : undefined,
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, proxy: { '/api': api, '/health': api } },
  test: { root: here, include: ['src/**/*.test.ts'], environment: 'node' },
});
