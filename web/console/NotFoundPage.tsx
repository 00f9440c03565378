/**
 * An address the console has no page for (a mistyped or old link): says so, names the address, and
 * offers the way back, to the console's home (the first page of the user's menu) or to the page
 * before, when there is one in this tab (issue 13 §5).
 */
import { Link, useLocation, useNavigate } from 'react-router-dom'
import { Button, Result, Space } from 'antd'
import { ArrowLeftOutlined, HomeOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'

export function NotFoundPage() {
  const { t } = useTranslation()
  const location = useLocation()
  const navigate = useNavigate()
  // react-router numbers the entries of this tab's history it made; 0 is where the tab came in.
  const hasPrevious = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0
  return (
    <div data-testid="not-found">
    <Result
      status="404"
      title={t('notFound')}
      subTitle={t('notFoundHint', { path: location.pathname })}
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          <Link to="/"><Button type="primary" icon={<HomeOutlined />} data-testid="not-found-home">{t('goHome')}</Button></Link>
          {hasPrevious && <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} data-testid="not-found-back">{t('goBack')}</Button>}
        </Space>
      }
    />
    </div>
  )
}
