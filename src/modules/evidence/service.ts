// TEMPORARY placeholder until the evidence branch lands (replaced by it at merge).
import type { Sql } from '../../db/connection.ts'

export async function linkEvidence(_tx: Sql, _link: { sha256: string; ownerType: string; ownerId: string; areaCode: string; capturedAt?: Date; location?: { lng: number; lat: number }; linkedBy: number | null }): Promise<void> {}
