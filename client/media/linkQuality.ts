/**
 * How good a link is, from the browser's own WebRTC statistics (getStats), in the four words a
 * participant is shown: good, fair, poor, or interrupted (nothing arrives at all).
 */
export type LinkQuality = 'good' | 'fair' | 'poor' | 'interrupted';

const ORDER: LinkQuality[] = ['good', 'fair', 'poor', 'interrupted'];

/** The worse of two qualities: a participant's mark is their worst stream's. */
export const worse = (a: LinkQuality, b: LinkQuality): LinkQuality => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/** Counters of one received stream at one moment, as getStats gives them (cumulative). */
export interface InboundCounters {
  at: number;
  kind: 'audio' | 'video';
  packetsReceived: number;
  packetsLost: number;
  /** Video only: frames decoded so far. */
  framesDecoded?: number;
  /** Seconds. */
  jitter?: number;
}

/** What the sending side knows of its path: round trip, the estimate of what it may send, and the loss the server reports. */
export interface OutboundCounters {
  /** Seconds; undefined before the first measurement. */
  roundTripTime?: number;
  /** Bits per second the browser estimates it may send. */
  availableOutgoingBitrate?: number;
  /** 0–1: the share of packets the server reports lost on the way. */
  fractionLost?: number;
  /** How the media travels: straight over UDP, over TCP, or relayed by TURN. */
  path?: 'udp' | 'tcp' | 'relay';
}

/** Loss above these shares, or round trips above these seconds, make a link fair or poor. */
const FAIR = { loss: 0.02, rtt: 0.3 };
const POOR = { loss: 0.08, rtt: 0.6 };
/** A stream that should flow but brought nothing new for this long is interrupted (a frozen picture, silence). */
export const FROZEN_AFTER_MS = 2_000;

function byLossAndDelay(loss: number, rtt = 0): LinkQuality {
  if (loss >= POOR.loss || rtt >= POOR.rtt) return 'poor';
  if (loss >= FAIR.loss || rtt >= FAIR.rtt) return 'fair';
  return 'good';
}

/**
 * One received stream between two samples. `since` is when the stream last brought something
 * new (packets, and frames for video); `expected` says whether it should be flowing at all (a
 * muted microphone or a paused tile sends nothing, and that is no fault).
 */
export function assessInbound(previous: InboundCounters, next: InboundCounters, since: number, expected: boolean): { quality: LinkQuality; since: number } {
  const received = next.packetsReceived - previous.packetsReceived;
  const lost = Math.max(0, next.packetsLost - previous.packetsLost);
  const progressed = received > 0 && (next.kind === 'audio' || (next.framesDecoded ?? 0) > (previous.framesDecoded ?? 0));
  const lastNews = progressed || !expected ? next.at : since;
  if (expected && next.at - lastNews >= FROZEN_AFTER_MS) return { quality: 'interrupted', since: lastNews };
  const loss = received + lost > 0 ? lost / (received + lost) : 0;
  // Jitter stands in for delay on the receiving side, where the round trip is not known.
  return { quality: byLossAndDelay(loss, (next.jitter ?? 0) * 4), since: lastNews };
}

/** The sending side's path: poor too when the estimate of what may be sent is below what speech and a small picture need. */
export function assessOutbound(counters: OutboundCounters): LinkQuality {
  const quality = byLossAndDelay(counters.fractionLost ?? 0, counters.roundTripTime);
  if (counters.availableOutgoingBitrate === undefined) return quality;
  return counters.availableOutgoingBitrate < CAMERA_PAUSES_BELOW_BPS ? worse(quality, 'poor') : quality;
}

/**
 * Below this estimate the uplink cannot carry the camera beside speech (about 40 kbit/s with its
 * packets' headers, and the smallest layer needs 20 more): the camera pauses so speech gets
 * through. Above it, which layers fit is the browser's own business: it sends only those its
 * estimate carries, and probes for more. (An estimate is no measure of the link's capacity when
 * little is sent: a camera only asked for its smallest layer keeps it low.)
 */
export const CAMERA_PAUSES_BELOW_BPS = 60_000;

/** Whether one's own camera may send on this path. */
export function cameraAllowance(availableOutgoingBitrate: number): 'all' | 'none' {
  return availableOutgoingBitrate >= CAMERA_PAUSES_BELOW_BPS ? 'all' : 'none';
}
