/**
 * A server-sent-event stream read the way a browser's EventSource reads it: each `data:` line of a
 * block is one event, kept with the moment it arrived. For the live-feed test and benchmark.
 */
import http from 'node:http'

export interface EventStream {
  contentType: string
  events: Array<{ data: any; at: number }>
  close(): void
}

export function openEventStream(url: string, token: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const events: EventStream['events'] = []
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data: '))
          buffer = buffer.slice(end + 2)
          if (data) events.push({ data: JSON.parse(data.slice(6)), at: performance.now() })
        }
      })
      resolve({ contentType: String(res.headers['content-type'] ?? ''), events, close: () => req.destroy() })
    })
    req.on('error', reject)
  })
}
