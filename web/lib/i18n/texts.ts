type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> }

/** A feature's strings: the same keys in both languages (a key missing in English is a type error). */
export function texts<T extends object>(zh: T, en: Same<T>) {
  return { 'zh-CN': zh, en }
}
