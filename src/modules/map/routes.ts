import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@sinclair/typebox'
import { errorResponses } from '../../server/schemas.ts'
import { signedIn } from '../../server/auth-hook.ts'
import { getMapSettings, getTile, locate, setMapSettings } from './service.ts'
import { TILE_CONTENT_TYPE } from './tile-layers.ts'

const tags = ['map']

// Plain strings: the service answers a bad address with map.tileOutOfRange, which names the rule.
const TileParams = Type.Object({
  z: Type.String({ maxLength: 12, description: 'zoom, 0–20' }),
  x: Type.String({ maxLength: 12, description: 'column, 0 … 2^z − 1' }),
  y: Type.String({ maxLength: 16, description: 'row, 0 … 2^z − 1 (a .mvt or .pbf suffix is allowed)' }),
})
const LocateQuery = Type.Object({ q: Type.String({ maxLength: 200, description: 'USCC, business name, area code or area name' }) }, { additionalProperties: false })
const Point = Type.Object({ lng: Type.Number(), lat: Type.Number() })
const LocateItem = Type.Union([
  Type.Object({
    kind: Type.Literal('area'), code: Type.String(), level: Type.Integer(), label: Type.String(),
    point: Type.Union([Point, Type.Null()]),
    bbox: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: '[west, south, east, north]' }), Type.Null()]),
  }),
  Type.Object({
    kind: Type.Literal('business'), id: Type.Integer(), uscc: Type.String(), label: Type.String(),
    gridCode: Type.Union([Type.String(), Type.Null()]), point: Type.Union([Point, Type.Null()]), bbox: Type.Null(),
  }),
])
const Basemap = Type.Union([
  Type.Object({ kind: Type.Literal('none') }),
  Type.Object({ kind: Type.Literal('tianditu'), token: Type.String() }),
  Type.Object({ kind: Type.Literal('xyz'), url: Type.String(), attribution: Type.Optional(Type.String()) }),
  Type.Object({ kind: Type.Literal('pmtiles'), url: Type.String() }),
])
// One loose object in: the rules answer a wrong field with map.basemapInvalid in zh-CN or en,
// clearer than a failed union.
const BasemapInput = Type.Object({
  kind: Type.String({ maxLength: 20, description: 'none | tianditu | xyz | pmtiles' }),
  token: Type.Optional(Type.String({ maxLength: 200 })),
  url: Type.Optional(Type.String({ maxLength: 2000 })),
  attribution: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false })
const MapSettings = Type.Object({ basemap: Basemap, updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })
const MapSettingsInput = Type.Object({ basemap: BasemapInput }, { additionalProperties: false })

export async function mapRoutes(fastify: FastifyInstance) {
  // Handler types come from the schemas (TypeBox type provider).
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get<{ Params: Static<typeof TileParams> }>('/map/tiles/:z/:x/:y', {
    schema: {
      tags,
      summary: '电子地图矢量瓦片（MVT）Vector tile of the electronic map',
      description: 'Mapbox Vector Tile 2.1; layers and properties: src/modules/map/tile-layers.ts. Scoped to the user; ETag + If-None-Match.',
      params: TileParams,
      produces: [TILE_CONTENT_TYPE],
      response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'MVT tile' }), 304: Type.Null(), ...errorResponses },
    },
    // Runs after the server-wide onSend hook, which marks every /api response no-store: a tile may be
    // kept by the browser (privately) and revalidated with its ETag.
    onSend: async (_req, reply, payload) => {
      if (reply.statusCode === 200 || reply.statusCode === 304) reply.header('cache-control', 'private, no-cache')
      return payload
    },
  }, async (req, reply) => {
    const { z, x, y } = req.params
    const tile = await getTile(app.db, signedIn(req), z, x, y, req.headers['if-none-match'])
    reply.header('etag', tile.etag).header('vary', 'Authorization, Cookie')
    if (!tile.body) return reply.code(304).send()
    return reply.type(TILE_CONTENT_TYPE).send(Buffer.from(tile.body.buffer, tile.body.byteOffset, tile.body.byteLength))
  })

  app.get('/map/locate', {
    schema: {
      tags, summary: '地图定位：市场主体或区域 Where to fly: a business or an area', querystring: LocateQuery,
      response: { 200: Type.Object({ items: Type.Array(LocateItem) }), ...errorResponses },
    },
  }, (req) => locate(app.db, signedIn(req), req.query.q))

  app.get('/map/settings', {
    schema: { tags, summary: '地图设置（底图）Map settings (basemap)', response: { 200: MapSettings, ...errorResponses } },
  }, (req) => getMapSettings(app.db, signedIn(req)))

  app.put('/map/settings', {
    schema: {
      tags, summary: '修改地图底图 Set the basemap', body: MapSettingsInput,
      response: { 200: MapSettings, ...errorResponses },
    },
  }, (req) => setMapSettings(app.db, signedIn(req), req.body))
}
