import { Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSession } from '../lib/session'
import { LoginForm } from './LoginForm'

/** Opens over the current page when the session has ended; the page and its inputs stay mounted. */
export function ReloginDialog() {
  const { t } = useTranslation()
  const { expired, me } = useSession()
  return (
    <Modal open={expired} title={t('login.again')} footer={null} closable={false} maskClosable={false} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('login.againHint')}</Typography.Paragraph>
      <LoginForm username={me?.username} />
    </Modal>
  )
}
