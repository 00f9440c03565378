import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLanguage, type Language } from '../lib/i18n'

export function LanguageSwitch() {
  const { i18n, t } = useTranslation()
  return (
    <Segmented<Language>
      aria-label={t('language')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={(v) => setLanguage(v)}
      options={[{ label: '中文', value: 'zh-CN' }, { label: 'English', value: 'en' }]}
    />
  )
}
