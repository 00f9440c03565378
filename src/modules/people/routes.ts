import type { FastifyInstance } from 'fastify'

export async function peopleRoutes(_app: FastifyInstance) {}
