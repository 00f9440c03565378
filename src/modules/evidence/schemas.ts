/**
 * The evidence file as the API shows it, declared once: the routes validate and document it, and
 * the service's type is derived from it.
 */
import { Type, type Static } from '@sinclair/typebox'

export const EvidenceView = Type.Object({
  sha256: Type.String(), size: Type.Integer(), kind: Type.String(), mediaType: Type.String(), name: Type.Union([Type.String(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]), height: Type.Union([Type.Integer(), Type.Null()]),
  url: Type.String(), thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
})
export type EvidenceView = Static<typeof EvidenceView>
