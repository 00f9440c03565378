/**
 * Rules of the patrol item catalogue (M4.1), pure: what makes an item's definition coherent beyond
 * its shape, and which cases a finding's answers call for (移交条件).
 */
import type { ChecklistQuestion, PatrolItemDefinition } from './schemas.ts'

type Text = { zh: string; en: string }

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
