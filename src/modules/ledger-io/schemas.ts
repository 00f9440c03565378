/**
 * The shapes of the ledgers' file routes (M2.4): importing and exporting the business and people
 * ledgers as CSV or xlsx, and the workbook of an import's refused rows. The ledgers' own shapes stay
 * with their modules; an export filters the businesses as a search does (BusinessFilters).
 */
import { Type } from '@sinclair/typebox'
import { AreaCode, Crs, FileLang, ImportFieldChange, ImportRowNote } from '../../server/schemas.ts'
import { BusinessFilters } from '../businesses/schemas.ts'

export const BusinessExportQuery = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }), lang: FileLang, ...BusinessFilters,
}, { additionalProperties: false })
export const BusinessImportQuery = Type.Object({
  mode: Type.Union([Type.Literal('all'), Type.Literal('valid')], { default: 'all', description: 'all: nothing lands if any row is refused; valid: the valid rows land' }),
  dryRun: Type.Boolean({ default: false }),
  crs: Crs,
  existing: Type.Union([Type.Literal('refuse'), Type.Literal('update')], {
    default: 'refuse', description: 'a code already registered: refuse the row, or update that business from it (only the columns the file has)',
  }),
  unplaced: Type.Union([Type.Literal('accept'), Type.Literal('refuse')], {
    default: 'accept', description: 'a row that cannot be placed in a grid: import it unplaced (listed as a warning), or refuse it',
  }),
}, { additionalProperties: false })
export const BusinessRefusedRowsQuery = Type.Object({
  crs: Crs, existing: BusinessImportQuery.properties.existing, unplaced: BusinessImportQuery.properties.unplaced, lang: FileLang,
}, { additionalProperties: false })
export const BusinessImportReport = Type.Object({
  rows: Type.Integer(), accepted: Type.Integer(), refused: Type.Integer(),
  refusals: Type.Array(ImportRowNote), refusalsTotal: Type.Integer(),
  warnings: Type.Array(ImportRowNote, { description: 'accepted rows that will land unplaced' }), warningsTotal: Type.Integer(),
  placed: Type.Integer(), unplaced: Type.Integer(),
  created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer({ description: 'rows naming a registered business as it is: not written' }),
  changes: Type.Array(Type.Object({
    row: Type.Integer(), id: Type.Integer(), uscc: Type.String(), name: Type.String(),
    fields: Type.Array(ImportFieldChange),
    grid: Type.Optional(Type.Object({ from: Type.Union([Type.String(), Type.Null()]), to: Type.Union([Type.String(), Type.Null()]) })),
  }), { description: 'update mode: per row, what changes from what to what (the first 1,000)' }),
  mode: Type.String(), existing: Type.String(), dryRun: Type.Boolean(), sha256: Type.String(),
})

export const PeopleImportQuery = Type.Object({
  mode: Type.Union([Type.Literal('all'), Type.Literal('valid')], { default: 'all', description: 'all: nothing lands if a row is refused; valid: accepted rows land' }),
  dryRun: Type.Boolean({ default: false }),
}, { additionalProperties: false })
export const PeopleRefusedRowsQuery = Type.Object({ lang: FileLang }, { additionalProperties: false })
export const PeopleImportReport = Type.Object({
  format: Type.String(), sha256: Type.String(), mode: Type.String(), dryRun: Type.Boolean(),
  rows: Type.Integer(), accepted: Type.Integer(), refused: Type.Integer(), created: Type.Integer(), updated: Type.Integer(),
  unchanged: Type.Integer({ description: 'rows with an id that change nothing: not written' }),
  changes: Type.Array(Type.Object({ row: Type.Integer(), id: Type.Integer(), name: Type.String(), fields: Type.Array(ImportFieldChange) }), {
    description: 'per updating row, what changes from what to what (the first 1,000)',
  }),
  refusals: Type.Array(ImportRowNote),
})
export const PeopleExportQuery = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'xlsx' }),
  under: Type.Optional(AreaCode),
  lang: FileLang,
}, { additionalProperties: false })
