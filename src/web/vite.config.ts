import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// The Fastify server serves dist/web with an SPA fallback; in dev, Vite proxies /api to it.
export default defineConfig({
  root: webRoot,
  base: '/',
  // No React plugin: esbuild's automatic JSX runtime is all we need (no fast refresh).
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // antd marks its modules "use client" for React Server Components; meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
