// pg's own helpers (node_modules/pg/lib/utils.js), which @types/pg does not declare.
declare module 'pg/lib/utils.js' {
  /** A parameter value as the text (or bytes) the extended protocol sends for it; null for null and undefined. */
  export function prepareValue(value: unknown): string | Buffer | null
  /** A string as a quoted SQL literal (E'…' when it holds a backslash). */
  export function escapeLiteral(text: string): string
}
