import { createSocket } from 'node:dgram';
import type { PlainTransport, Router } from 'mediasoup/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { mediaCodecs } from '../../server/media/mediaSettings';
import { WorkerPool } from '../../server/media/workerPool';
import { TransportBitrates } from '../../server/metrics/transportBitrates';
import { microphoneRtpParameters } from '../support/rtp';

const PAYLOAD_BYTES = 200;

/** One Opus RTP packet of the given stream (12-byte header, then a payload of zeros). */
function rtpPacket(ssrc: number, sequence: number): Buffer {
  const packet = Buffer.alloc(12 + PAYLOAD_BYTES);
  packet.writeUInt8(0x80, 0);
  packet.writeUInt8(111, 1);
  packet.writeUInt16BE(sequence & 0xffff, 2);
  packet.writeUInt32BE(sequence * 960, 4);
  packet.writeUInt32BE(ssrc, 8);
  return packet;
}

let pool: WorkerPool;
let router: Router;

beforeAll(async () => {
  pool = await WorkerPool.create({ size: 1, workerBin: loadConfig().media.workerBin });
  router = await pool.pick().createRouter({ mediaCodecs });
});
afterAll(() => {
  router.close();
  pool.close();
});

/** A transport that receives a microphone's RTP from a local UDP socket, 50 packets a second (about 85 kbit/s) until stopped. */
async function streaming(ssrc: number): Promise<{ transport: PlainTransport; stop: () => void }> {
  const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, comedia: true });
  await transport.produce({ kind: 'audio', rtpParameters: microphoneRtpParameters(ssrc) });
  const socket = createSocket('udp4');
  let sequence = 0;
  let stopped = false;
  const timer = setInterval(() => socket.send(rtpPacket(ssrc, sequence++), transport.tuple.localPort, '127.0.0.1'), 20);
  return {
    transport,
    // Safe to call twice: the test stops one early, and every one at the end.
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      socket.close();
    },
  };
}

describe('the bitrate the metrics report', () => {
  it('sums what the transports receive, reading a bounded number of them per scrape and the others at their last reading', async () => {
    const first = await streaming(11_111_111);
    const second = await streaming(22_222_222);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const bitrates = new TransportBitrates(1);
      const transports = [first.transport, second.transport];

      // The first scrape reads one transport only; the other has no reading yet.
      const one = await bitrates.total(transports);
      expect(one.in).toBeGreaterThan(50_000);
      expect(one.in).toBeLessThan(150_000);
      // Nothing is consumed: all that goes out is the server's RTCP reports.
      expect(one.out).toBeLessThan(5_000);
      // The next reads the other, and keeps the first at its last reading: both are counted.
      const both = await bitrates.total(transports);
      expect(both.in).toBeGreaterThan(one.in * 1.6);

      // A closed transport leaves the sum.
      second.stop();
      second.transport.close();
      const left = await bitrates.total([first.transport]);
      expect(left.in).toBeGreaterThan(50_000);
      expect(left.in).toBeLessThan(both.in * 0.7);
    } finally {
      first.stop();
      second.stop();
    }
  });
});
