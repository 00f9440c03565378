// Vite's `?url` import of MapLibre's worker: the built file's URL (hashed, under /assets).
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs?url' {
  const url: string
  export default url
}
