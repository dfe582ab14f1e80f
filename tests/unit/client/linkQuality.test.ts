import { describe, expect, it } from 'vitest';
import { assessInbound, assessOutbound, cameraAllowance, FROZEN_AFTER_MS, worse, type InboundCounters } from '../../../client/media/linkQuality';

const video = (at: number, packetsReceived: number, packetsLost: number, framesDecoded: number): InboundCounters => ({
  at,
  kind: 'video',
  packetsReceived,
  packetsLost,
  framesDecoded,
  jitter: 0.01,
});

describe('the quality of a received stream', () => {
  it('is good when everything arrives, fair or poor as packets go missing', () => {
    expect(assessInbound(video(0, 0, 0, 0), video(1000, 100, 0, 30), 0, true).quality).toBe('good');
    expect(assessInbound(video(0, 0, 0, 0), video(1000, 95, 5, 30), 0, true).quality).toBe('fair');
    expect(assessInbound(video(0, 0, 0, 0), video(1000, 88, 12, 30), 0, true).quality).toBe('poor');
  });

  it('is interrupted once a picture that should move has not moved for two seconds', () => {
    let since = 0;
    let previous = video(0, 100, 0, 30);
    const verdicts: string[] = [];
    for (let at = 1000; at <= 3000; at += 1000) {
      // Packets may still trickle in (retransmissions) while no frame is decoded: still frozen.
      const next = video(at, previous.packetsReceived + 2, 0, 30);
      const assessed = assessInbound(previous, next, since, true);
      verdicts.push(assessed.quality);
      since = assessed.since;
      previous = next;
    }
    expect(verdicts).toEqual(['good', 'interrupted', 'interrupted']);
    expect(3000 - since).toBeGreaterThanOrEqual(FROZEN_AFTER_MS);
    // It moves again: good at once.
    expect(assessInbound(previous, video(4000, previous.packetsReceived + 50, 0, 45), since, true).quality).toBe('good');
  });

  it('is no fault when the stream is not meant to flow (muted, paused, off screen)', () => {
    expect(assessInbound(video(0, 100, 0, 30), video(5000, 100, 0, 30), 0, false)).toEqual({ quality: 'good', since: 5000 });
  });
});

describe('the quality of one’s own uplink', () => {
  it('follows the loss the server reports, the round trip and the estimate of what may be sent', () => {
    expect(assessOutbound({ roundTripTime: 0.05, fractionLost: 0, availableOutgoingBitrate: 1_500_000 })).toBe('good');
    expect(assessOutbound({ roundTripTime: 0.4, fractionLost: 0 })).toBe('fair');
    expect(assessOutbound({ roundTripTime: 0.05, fractionLost: 0.1 })).toBe('poor');
    expect(assessOutbound({ roundTripTime: 0.05, availableOutgoingBitrate: 50_000 })).toBe('poor');
    expect(worse('fair', 'interrupted')).toBe('interrupted');
  });

  it('lets the camera send until the estimate falls below what speech and the smallest layer need', () => {
    expect(cameraAllowance(600_000)).toBe('all');
    // A low estimate is often only a camera asked for its smallest layer: the browser fits the layers.
    expect(cameraAllowance(150_000)).toBe('all');
    expect(cameraAllowance(50_000)).toBe('none');
  });
});
