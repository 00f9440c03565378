import type { FastifyInstance } from 'fastify'

export async function ledgerIoRoutes(_app: FastifyInstance) {}
