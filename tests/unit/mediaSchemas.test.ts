import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../shared/events';

const vp8 = { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }] };

describe('media signalling payloads', () => {
  it('accepts what mediasoup-client sends for a camera producer, keeping unknown extras', () => {
    const payload = {
      transportId: 't1',
      kind: 'video',
      source: 'camera',
      rtpParameters: { mid: '0', codecs: [vp8], encodings: [{ ssrc: 1111, scalabilityMode: 'L1T3' }], rtcp: { cname: 'x' } },
    };
    const parsed = requestSchemas['media:produce'].parse(payload);
    expect(parsed.rtpParameters.encodings?.[0]).toEqual({ ssrc: 1111, scalabilityMode: 'L1T3' });
  });

  it.each([
    ['no codecs', { transportId: 't1', kind: 'video', source: 'camera', rtpParameters: { codecs: [] } }, 'rtpParameters.codecs'],
    ['a bad kind', { transportId: 't1', kind: 'data', source: 'camera', rtpParameters: { codecs: [vp8] } }, 'kind'],
    ['a bad source', { transportId: 't1', kind: 'video', source: 'printer', rtpParameters: { codecs: [vp8] } }, 'source'],
    [
      'a mime type without a kind',
      { transportId: 't1', kind: 'video', source: 'camera', rtpParameters: { codecs: [{ ...vp8, mimeType: 'VP8' }] } },
      'rtpParameters.codecs.0.mimeType',
    ],
  ])('refuses a producer with %s', (_case, payload, field) => {
    const result = requestSchemas['media:produce'].safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join('.')).toBe(field);
  });

  it('refuses DTLS parameters without fingerprints or with an unknown role', () => {
    expect(requestSchemas['media:connectTransport'].safeParse({ transportId: 't', dtlsParameters: { fingerprints: [] } }).success).toBe(false);
    expect(
      requestSchemas['media:connectTransport'].safeParse({
        transportId: 't',
        dtlsParameters: { role: 'boss', fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] },
      }).success,
    ).toBe(false);
  });

  it('refuses extra fields on leave, and a transport direction other than send or recv', () => {
    expect(requestSchemas['room:leave'].safeParse({ everyone: true }).success).toBe(false);
    expect(requestSchemas['media:createTransport'].safeParse({ direction: 'both' }).success).toBe(false);
  });
});
