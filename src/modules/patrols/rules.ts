/**
 * Rules of the patrol item catalogue (M4.1), pure: what makes an item's definition coherent beyond
 * its shape, and which cases a finding's answers call for (移交条件).
 */
import type { ChecklistQuestion, PatrolItemDefinition } from './schemas.ts'

type Text = { zh: string; en: string }

// The catalogue's vocabularies, here rather than in schemas.ts so that the console can import them
// without the schema builder.
/** Who may be given the item's tasks. */
export const PATROL_DUTIES = ['grid_worker', 'grid_head', 'market_operator'] as const
export const ANSWER_KINDS = ['yesNo', 'choice', 'number', 'text'] as const
export const CYCLE_EVENTS = ['registered', 'annualReportSeason'] as const
export const TASK_STATES = ['open', 'done', 'cancelled'] as const

/** A problem names a question by its text, as the editor wrote it, never by its key alone. */
export type DefinitionProblem =
  | { code: 'patrol.questionTwice'; question: Text }
  | { code: 'patrol.optionsMisplaced'; question: Text }
  | { code: 'patrol.optionTwice'; question: Text; option: string }
  | { code: 'patrol.transferQuestionUnknown'; question: string }
  | { code: 'patrol.transferNotDecidable'; question: Text }
  | { code: 'patrol.transferAnswerUnknown'; question: Text; answer: string }
  | { code: 'patrol.categoryUnknown'; category: string }

/**
 * Everything wrong with `d`, in order; empty when it is coherent. `categories` are the codes of the
 * active case categories a transfer may name.
 */
export function definitionProblems(d: PatrolItemDefinition, categories: ReadonlySet<string>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  const questions = new Map<string, ChecklistQuestion>()
  for (const q of d.checklist) {
    if (questions.has(q.key)) problems.push({ code: 'patrol.questionTwice', question: q.text })
    questions.set(q.key, q)
    if ((q.answer === 'choice') !== (q.options !== undefined)) problems.push({ code: 'patrol.optionsMisplaced', question: q.text })
    const values = new Set<string>()
    for (const o of q.options ?? []) {
      if (values.has(o.value)) problems.push({ code: 'patrol.optionTwice', question: q.text, option: o.value })
      values.add(o.value)
    }
  }
  for (const t of d.transfers) {
    const q = questions.get(t.question)
    if (!q) {
      problems.push({ code: 'patrol.transferQuestionUnknown', question: t.question })
      continue
    }
    // Only a yes/no or a choice can be matched against a list of answers.
    if (q.answer !== 'yesNo' && q.answer !== 'choice') {
      problems.push({ code: 'patrol.transferNotDecidable', question: q.text })
      continue
    }
    for (const a of t.answers) {
      const fits = q.answer === 'yesNo' ? typeof a === 'boolean' : typeof a === 'string' && (q.options ?? []).some((o) => o.value === a)
      if (!fits) problems.push({ code: 'patrol.transferAnswerUnknown', question: q.text, answer: String(a) })
    }
    if (!categories.has(t.categoryCode)) problems.push({ code: 'patrol.categoryUnknown', category: t.categoryCode })
  }
  return problems
}

/** The case categories a finding calls for: each transfer whose question got one of its answers, once each, in order. */
export function transfersFor(d: PatrolItemDefinition, answers: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = []
  for (const t of d.transfers) {
    const given = answers[t.question]
    if (given !== undefined && t.answers.some((a) => a === given) && !out.includes(t.categoryCode)) out.push(t.categoryCode)
  }
  return out
}

/** A problem of a finding's answers, naming the question by its text. */
export type AnswerProblem =
  | { code: 'patrol.answerMissing'; question: Text }
  | { code: 'patrol.answerInvalid'; question: Text; answer: string }
  | { code: 'patrol.answerUnknown'; question: string }
  | { code: 'patrol.photosMissing'; required: number; given: number }

/** Everything wrong with a finding's answers and photos against the item version's checklist. */
export function findingProblems(d: PatrolItemDefinition, answers: Readonly<Record<string, unknown>>, photos: number): AnswerProblem[] {
  const problems: AnswerProblem[] = []
  const keys = new Set(d.checklist.map((q) => q.key))
  for (const key of Object.keys(answers)) if (!keys.has(key)) problems.push({ code: 'patrol.answerUnknown', question: key })
  for (const q of d.checklist) {
    const a = answers[q.key]
    if (a === undefined || a === null || a === '') {
      if (q.required) problems.push({ code: 'patrol.answerMissing', question: q.text })
      continue
    }
    const fits = q.answer === 'yesNo' ? typeof a === 'boolean'
      : q.answer === 'choice' ? typeof a === 'string' && (q.options ?? []).some((o) => o.value === a)
        : q.answer === 'number' ? typeof a === 'number' && Number.isFinite(a)
          : typeof a === 'string' && a.length <= 2000
    if (!fits) problems.push({ code: 'patrol.answerInvalid', question: q.text, answer: String(a).slice(0, 40) })
  }
  if (photos < d.evidence.minPhotos) problems.push({ code: 'patrol.photosMissing', required: d.evidence.minPhotos, given: photos })
  return problems
}

/** JSON with object keys sorted: two sends of one finding read the same whatever the key order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x)
}

/** A phone clock this far from the server's (seconds) is flagged beside the finding. */
export const CLOCK_SKEW_FLAG_SECONDS = 300

/** Server minus phone clock at sending, in whole seconds; null when the phone did not say when it sent. */
export function clockSkewSeconds(deviceSentAt: Date | null, receivedAt: Date): number | null {
  return deviceSentAt === null ? null : Math.round((receivedAt.getTime() - deviceSentAt.getTime()) / 1000)
}
