/**
 * The names of the grid duties (M2.3 roles of the personnel ledger) in both languages, for every
 * page that names a person's duty (the people ledger, the map's grid card): the glossary's words
 * (src/shared/glossary.ts), the same the server writes in messages and exports.
 */
import { DUTY_TERMS, termsIn } from '../../../src/shared/glossary.ts'
import { texts } from './texts.ts'

export const dutyNames = texts(termsIn(DUTY_TERMS, 'zh'), termsIn(DUTY_TERMS, 'en'))
