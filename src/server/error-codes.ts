/**
 * Every error code of the catalogue as one type, so that `new AppError('…')` with a code no
 * capability declared fails to compile rather than at the moment it is thrown. Each capability
 * still declares its codes in its own errors file (`defineErrors`); the imports are types only, and
 * the union reaches AppError through errors.ts's `ErrorCodeRegistry`.
 */
import type { CoreErrors } from './errors.ts'
import type { RateLimitErrors } from './rate-limit.ts'
import type { AreaErrors } from '../modules/areas/errors.ts'
import type { GeoJsonErrors } from '../modules/areas/geojson-io.ts'
import type { AuditErrors } from '../modules/audit/errors.ts'
import type { RecordErrors } from '../modules/audit/changes.ts'
import type { AuthErrors } from '../modules/auth/errors.ts'
import type { BusinessErrors } from '../modules/businesses/errors.ts'
import type { CalendarErrors } from '../modules/calendar/errors.ts'
import type { CaseErrors } from '../modules/cases/errors.ts'
import type { DemoErrors } from '../modules/demo/errors.ts'
import type { EvidenceErrors } from '../modules/evidence/errors.ts'
import type { BusinessImportErrors } from '../modules/ledger-io/businesses-import.ts'
import type { TabularErrors } from './tabular.ts'
import type { MapErrors } from '../modules/map/errors.ts'
import type { MarketErrors } from '../modules/markets/errors.ts'
import type { PatrolErrors } from '../modules/patrols/errors.ts'
import type { PeopleErrors } from '../modules/people/errors.ts'
import type { PortalErrors } from '../modules/portal/errors.ts'
import type { PositionErrors } from '../modules/positions/errors.ts'

type CodesOf<T> = T extends Record<infer K, unknown> ? K : never

type AllCodes = CodesOf<
  typeof CoreErrors | typeof RateLimitErrors | typeof AreaErrors | typeof GeoJsonErrors | typeof AuditErrors | typeof RecordErrors |
  typeof AuthErrors | typeof BusinessErrors | typeof CalendarErrors | typeof CaseErrors | typeof DemoErrors | typeof EvidenceErrors |
  typeof BusinessImportErrors | typeof TabularErrors | typeof MapErrors | typeof PatrolErrors | typeof PeopleErrors |
  typeof PortalErrors | typeof PositionErrors | typeof MarketErrors
>

declare module './errors.ts' {
  // Declaration merging: the interface is its supertype's keys, which is the point.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodeRegistry extends Record<AllCodes, true> {}
}
