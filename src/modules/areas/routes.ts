import type { FastifyInstance } from 'fastify'

export async function areaRoutes(_app: FastifyInstance) {}
