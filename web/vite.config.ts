import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

/**
 * The console is built into web/dist and served by the MarketGrid server itself (`npm start` builds
 * it when the sources changed). `npm run dev` serves it with hot reload and sends /api to the server.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // Heavy libraries in their own chunks: the login page must not pay for the map or charts.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined
          if (id.includes('maplibre-gl')) return 'maplibre'
          if (id.includes('echarts') || id.includes('zrender')) return 'echarts'
          return undefined
        },
      },
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 8080}`, '/healthz': `http://localhost:${process.env.PORT ?? 8080}` },
  },
})
