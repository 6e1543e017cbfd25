import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { precompiledMessages } from './build/precompiled-messages.ts';
import { precompress } from './build/precompress.ts';
import { preloadMapRoute } from './build/preload-map-route.ts';

const serverUrl = process.env.LAGEBILD_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    // Every component uses <script setup>: without the Options API the runtime is smaller and
    // its component set-up takes fewer branches.
    vue({ features: { optionsAPI: false } }),
    precompiledMessages(fileURLToPath(new URL('./src/i18n/locales', import.meta.url))),
    preloadMapRoute(['/src/pages/atlas/AtlasPage.vue', '/src/pages/atlas/EmbedAtlasPage.vue']),
    precompress(),
  ],
  define: {
    // vue-i18n's build flags: Composition API only, messages arrive compiled (see precompiledMessages).
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  resolve: {
    alias: [
      // The runtime without the message compiler: every message is compiled at build time.
      { find: /^vue-i18n$/, replacement: 'vue-i18n/dist/vue-i18n.runtime.esm-bundler.js' },
      // The shared package is consumed as source, so the client never waits for its build.
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
