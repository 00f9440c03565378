/**
 * Masking of personal data (phones, names of people) for those without 'person.readPersonal'
 * (Q3, M9.1). One rule for every ledger, so that the same number looks the same everywhere.
 */

/** The first 3 and the last 4 digits stay (138****5678), whatever the length, so colleagues can tell numbers apart. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return phone
  const digits = phone.replace(/[^0-9]/g, '')
  if (digits.length < 8) return '*'.repeat(digits.length || 4)
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

/** 张三 → 张*, 欧阳修 → 欧**: the surname stays. */
export function maskName(name: string | null): string | null {
  if (name === null) return null
  const chars = [...name]
  if (chars.length <= 1) return '*'
  return chars[0] + '*'.repeat(chars.length - 1)
}
