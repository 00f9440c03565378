import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

describe('evidence store settings', () => {
  const s3 = {
    EVIDENCE_STORE: 's3', EVIDENCE_S3_ENDPOINT: 'https://minio.example.gov.cn:9000', EVIDENCE_S3_BUCKET: 'evidence',
    EVIDENCE_S3_ACCESS_KEY_ID: 'marketgrid', EVIDENCE_S3_SECRET_ACCESS_KEY: 'secret',
  }
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/nonexistent', ...env } as NodeJS.ProcessEnv)

  it('keeps files in EVIDENCE_DIR unless told otherwise', () => {
    expect(load({}).evidence.s3).toBeUndefined()
    expect(load({ EVIDENCE_STORE: 'local' }).evidence.s3).toBeUndefined()
  })

  it('reads an S3-compatible store with its defaults', () => {
    expect(load(s3).evidence.s3).toEqual({
      endpoint: 'https://minio.example.gov.cn:9000', bucket: 'evidence', region: 'us-east-1', accessKeyId: 'marketgrid', secretAccessKey: 'secret',
      prefix: '', pathStyle: true,
    })
    const cos = load({ ...s3, EVIDENCE_S3_ENDPOINT: 'https://cos.ap-guangzhou.myqcloud.com/', EVIDENCE_S3_BUCKET: 'evidence-1250000000',
      EVIDENCE_S3_REGION: 'ap-guangzhou', EVIDENCE_S3_PATH_STYLE: 'false', EVIDENCE_S3_PREFIX: '/marketgrid' }).evidence.s3
    expect(cos).toMatchObject({ endpoint: 'https://cos.ap-guangzhou.myqcloud.com', region: 'ap-guangzhou', pathStyle: false, prefix: 'marketgrid/' })
  })

  it('reads the address printed in QR plates, without a trailing slash, and refuses one that is not http(s)', () => {
    expect(load({}).publicUrl).toBeUndefined()
    expect(load({ PUBLIC_URL: 'https://grid.example.gov.cn/' }).publicUrl).toBe('https://grid.example.gov.cn')
    expect(load({ PUBLIC_URL: 'http://10.1.2.3:8080/mg/' }).publicUrl).toBe('http://10.1.2.3:8080/mg')
    expect(() => load({ PUBLIC_URL: 'grid.example.gov.cn' })).toThrow(/PUBLIC_URL must be an http\(s\) address/)
    expect(() => load({ PUBLIC_URL: 'ftp://grid.example.gov.cn' })).toThrow(/PUBLIC_URL/)
  })

  it('reads the patrol risk factors, keeping the defaults it is not given, and refuses a wrong one by name', () => {
    expect(load({}).patrols.riskFactors).toEqual({ high: 0.25, higher: 0.5, general: 1, low: 2 })
    expect(load({ PATROL_RISK_FACTORS: 'high=0.2, low=3' }).patrols.riskFactors).toEqual({ high: 0.2, higher: 0.5, general: 1, low: 3 })
    expect(() => load({ PATROL_RISK_FACTORS: 'extreme=0.1' })).toThrow(/PATROL_RISK_FACTORS: "extreme=0.1" should be a risk class/)
    expect(() => load({ PATROL_RISK_FACTORS: 'high=0' })).toThrow(/PATROL_RISK_FACTORS/)
  })

  it('refuses to start on an incomplete or wrong store setting, naming it', () => {
    expect(() => load({ EVIDENCE_STORE: 'minio' })).toThrow('EVIDENCE_STORE must be "local" or "s3", got "minio"')
    expect(() => load({ EVIDENCE_STORE: 's3', EVIDENCE_S3_BUCKET: 'evidence' }))
      .toThrow('EVIDENCE_STORE=s3 needs EVIDENCE_S3_ENDPOINT, EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY (docs/evidence.md)')
    expect(() => load({ ...s3, EVIDENCE_S3_ENDPOINT: 'minio:9000' })).toThrow(/EVIDENCE_S3_ENDPOINT must be an http\(s\) address without a path/)
    expect(() => load({ ...s3, EVIDENCE_S3_ENDPOINT: 'https://minio.example.gov.cn/evidence' })).toThrow(/without a path/)
    expect(() => load({ ...s3, EVIDENCE_S3_BUCKET: 'Evidence_Files' })).toThrow(/EVIDENCE_S3_BUCKET must be a bucket name/)
    expect(() => load({ ...s3, EVIDENCE_S3_PATH_STYLE: 'no' })).toThrow('EVIDENCE_S3_PATH_STYLE must be "true" or "false", got "no"')
    expect(() => load({ ...s3, EVIDENCE_S3_PREFIX: 'a b' })).toThrow(/EVIDENCE_S3_PREFIX may hold only/)
    expect(() => load({ ...s3, EVIDENCE_MAX_VIDEO_MB: '8192' })).toThrow(/EVIDENCE_MAX_VIDEO_MB must be at most 5120 with EVIDENCE_STORE=s3/)
  })
})
