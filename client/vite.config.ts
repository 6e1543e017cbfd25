import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const serverUrl = process.env.LAGEBILD_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    // The shared package is consumed as source, so the client never waits for its build.
    alias: [
      { find: /^@lagebild\/shared$/, replacement: fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
      { find: /^@lagebild\/shared\/collab-client$/, replacement: fileURLToPath(new URL('../shared/src/collab-client/index.ts', import.meta.url)) },
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
