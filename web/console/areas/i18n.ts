import { texts } from '../../lib/i18n/texts'

export default texts({
}, {
})
