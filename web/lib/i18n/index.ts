/**
 * zh-CN first, English on request. Each console feature keeps its strings in its own `i18n.ts`
 * (one namespace per feature); the choice is remembered in localStorage.
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import common from './common'
import map from '../../console/map/i18n'
import businesses from '../../console/businesses/i18n'
import areas from '../../console/areas/i18n'
import people from '../../console/people/i18n'
import coverage from '../../console/coverage/i18n'
import account from '../../console/account/i18n'
import settings from '../../console/settings/i18n'
import audit from '../../console/audit/i18n'
import portal from '../../portal/i18n'
import cases from '../../console/cases/i18n'
import field from '../../field/i18n'
import markets from '../../console/markets/i18n'
import patrols from '../../console/patrols/i18n'

export type Language = 'zh-CN' | 'en'
const STORAGE_KEY = 'mg.lang'

const namespaces = { common, map, businesses, areas, people, coverage, account, settings, audit, portal, cases, field, markets, patrols }

function resources() {
  const out: Record<Language, Record<string, object>> = { 'zh-CN': {}, en: {} }
  for (const [ns, texts] of Object.entries(namespaces)) {
    out['zh-CN'][ns] = texts['zh-CN']
    out.en[ns] = texts.en
  }
  return out
}

function initialLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  return saved === 'en' ? 'en' : 'zh-CN'
}

void i18n.use(initReactI18next).init({
  resources: resources(),
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  ns: Object.keys(namespaces),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang)
  document.documentElement.lang = lang
  void i18n.changeLanguage(lang)
}

export default i18n
