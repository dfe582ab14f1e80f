import { ref, type Ref } from 'vue';
import { problemFrom, type RoomProblem } from '../services/roomProblem';
import type { Participant } from '../stores/room';
import { CameraSteps } from './cameraSteps';
import { assessInbound, assessOutbound, worse, type InboundCounters, type LinkQuality } from './linkQuality';
import { MicrophoneLost, type AllowedBy, type CameraAllowance, type MediaSession } from './mediaSession';

/** How often the statistics are read: a freeze is told within FROZEN_AFTER_MS plus this. */
const SAMPLE_MS = 1_000;

/**
 * The quality of each participant's link as this page receives them, and of this page's own
 * uplink, read from getStats every second; and one's own camera fitted to what the uplink carries.
 */
export function useLinkQuality(
  session: () => MediaSession | null,
  participants: Ref<Participant[]>,
  reconnecting: Ref<boolean>,
  audioOnly: Ref<boolean>,
  notify: (problem: RoomProblem) => void,
) {
  const own = ref<LinkQuality>('good');
  /** What one's own camera sends now, as the uplink allows (none in audio-only mode). */
  const camera = ref<CameraAllowance>('all');
  const byPeer = ref<Record<string, LinkQuality>>({});
  const previous = new Map<string, { counters: InboundCounters; since: number }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const steps = new CameraSteps();

  /** Whether a received stream should be flowing: its sender did not mute it and this page did not pause it. */
  function expected(media: MediaSession, owner: Participant, consumer: Participant['consumers'][number]): boolean {
    const producer = owner.producers.find((candidate) => candidate.producerId === consumer.producerId);
    return !!producer && !producer.paused && !media.isConsumerPaused(consumer.consumerId);
  }

  async function sample(): Promise<void> {
    const media = session();
    if (!media) return;
    const { inbound, outbound } = await media.sample();
    const counters = new Map(inbound.map((entry) => [entry.consumerId, entry]));
    const qualities: Record<string, LinkQuality> = {};
    for (const owner of participants.value) {
      let quality: LinkQuality = owner.interrupted ? 'interrupted' : 'good';
      for (const consumer of owner.consumers) {
        const next = counters.get(consumer.consumerId);
        if (!next) continue;
        const before = previous.get(consumer.consumerId);
        const assessed = before ? assessInbound(before.counters, next, before.since, expected(media, owner, consumer)) : { quality: 'good' as const, since: next.at };
        previous.set(consumer.consumerId, { counters: next, since: assessed.since });
        quality = worse(quality, assessed.quality);
      }
      qualities[owner.peerId] = quality;
    }
    byPeer.value = qualities;
    own.value = reconnecting.value ? 'interrupted' : assessOutbound(outbound);
    if (audioOnly.value) return;
    const next = steps.next(media.cameraLimitedBy, outbound.availableOutgoingBitrate, Date.now());
    if (next) await allow(media, next, 'uplink');
    if (steps.holding) await media.uplinkCarriesVideo();
  }

  /** Shown at once: the camera changes in the page at once, the server hears of it when the link lets it. */
  async function allow(media: MediaSession, allowance: CameraAllowance, by: AllowedBy): Promise<void> {
    camera.value = allowance;
    await media.allowCamera(allowance, by);
  }

  /**
   * Audio only was switched on or off by the person: their camera follows at once. Back from audio
   * only it sends, whatever an estimate made without video says; the next samples judge the link.
   */
  async function followAudioOnly(): Promise<void> {
    const media = session();
    if (!media) return;
    steps.reset();
    await allow(media, audioOnly.value ? 'none' : 'all', 'choice');
  }

  function start(): void {
    stop();
    timer = setInterval(() => {
      sample().catch((error: unknown) => {
        // The one failure the person must hear of: the others no longer hear them.
        if (error instanceof MicrophoneLost) notify(problemFrom(error));
        else console.warn('link statistics not read', error);
      });
    }, SAMPLE_MS);
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
    previous.clear();
    byPeer.value = {};
    own.value = 'good';
    steps.reset();
    camera.value = 'all';
  }

  return { own, byPeer, camera, start, stop, followAudioOnly };
}
