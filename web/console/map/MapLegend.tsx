import { useTranslation } from 'react-i18next'
import { PLACEMENT_COLOURS, PROBLEM_COLOUR, RISK_COLOURS, type BusinessColouring } from '../../lib/map/layers'

/**
 * What the map's lines, points and red areas mean, in its bottom-left corner (styles: .map-legend in
 * global.css). Business points are explained only to whoever the map shows them to (business.read).
 */
export function MapLegend({ colouring, problems, businesses }: { colouring: BusinessColouring; problems: boolean; businesses: boolean }) {
  const { t } = useTranslation('map')
  const { t: tc } = useTranslation('common')
  const entries = colouring === 'risk'
    ? (Object.keys(RISK_COLOURS) as Array<keyof typeof RISK_COLOURS>).map((k) => [RISK_COLOURS[k], tc(`risk.${k}`)] as const)
    : [[PLACEMENT_COLOURS.placed, t('legend.placed')], [PLACEMENT_COLOURS.unplaced, t('legend.unplaced')]] as const
  return (
    <div className="map-legend" data-testid="map-legend">
      <div className="map-legend-title">{t('legend.title')}</div>
      <div><span className="map-legend-station" />{t('legend.stations')}
        <span className="map-legend-grid" />{t('legend.grids')}</div>
      {businesses && entries.map(([colour, label]) => <div key={label}><span className="map-legend-dot" style={{ background: colour }} />{label}</div>)}
      {businesses && <div className="map-legend-note">{t('legend.cluster')}</div>}
      {problems && <div><span className="map-legend-problem" style={{ background: PROBLEM_COLOUR }} />{t('legend.problem')}</div>}
    </div>
  )
}
