import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { VitePWA } from 'vite-plugin-pwa'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

/**
 * The console is built into web/dist and served by the MarketGrid server itself (`npm start` builds
 * it when the sources changed). `npm run dev` serves it with hot reload and sends /api to the server.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [
    react(),
    // The field app installs from the browser and starts with no signal (issue 15 §3): a web app
    // manifest and a service worker that keeps the built app on the phone. The field app registers
    // the worker itself (web/field/install.ts), so the console and the portal never download it.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/field',
        name: 'MarketGrid 网格巡查',
        short_name: '网格巡查',
        description: '市场监管网格巡查：任务、检查清单、拍照取证，无信号时也能记录',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#1668dc',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Every page is index.html (client-side routes); the server's own paths never are.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/metrics/],
        // The wall screen's charts are not needed on a phone; the map is (the grid's map with no
        // signal, web/field/FieldMap.tsx), and MapLibre's worker is an .mjs file.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,woff2}'],
        globIgnores: ['**/echarts-*.js'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // The page that installed the worker is kept from the start, not only after a reload.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
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
