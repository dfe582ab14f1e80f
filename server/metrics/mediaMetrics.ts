import { Counter, Gauge, type Registry } from 'prom-client';
import type { MediaKind } from '../../shared/media';
import type { MediaServer } from '../media/mediaServer';
import { TransportBitrates } from './transportBitrates';

const KINDS: readonly MediaKind[] = ['audio', 'video'];

/** How many of each kind, with both kinds present (a zero is a value a dashboard shows). */
function countByKind(items: readonly { kind: MediaKind }[]): Record<MediaKind, number> {
  const counts = { audio: 0, video: 0 };
  for (const item of items) counts[item.kind] += 1;
  return counts;
}

/**
 * The live rooms and the media workers, read from the live objects at each scrape rather than
 * counted up and down where they change. Probe rooms (the lobby's connection test) are not sessions
 * and are left out.
 */
export function registerMediaMetrics(registry: Registry, media: MediaServer): void {
  const peers = () => media.rooms.openRooms().flatMap((room) => room.peerList());
  const bitrates = new TransportBitrates();

  new Gauge({
    name: 'oncoboard_rooms_open',
    help: 'Live session rooms open on this instance',
    registers: [registry],
    collect() {
      this.set(media.rooms.openRooms().length);
    },
  });
  new Gauge({
    name: 'oncoboard_room_peers',
    help: 'Participants in the open rooms, counting those whose link dropped and whose place is kept',
    registers: [registry],
    collect() {
      this.set(peers().length);
    },
  });
  new Gauge({
    name: 'oncoboard_media_producers',
    help: 'Media sent to the server (cameras, microphones, screens), by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const counts = countByKind(peers().flatMap((peer) => peer.producerList));
      for (const kind of KINDS) this.set({ kind }, counts[kind]);
    },
  });
  new Gauge({
    name: 'oncoboard_media_consumers',
    help: 'Media the server sends to participants, by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const counts = countByKind(peers().flatMap((peer) => peer.consumerList));
      for (const kind of KINDS) this.set({ kind }, counts[kind]);
    },
  });
  new Gauge({
    name: 'oncoboard_media_transports',
    help: 'WebRTC transports of the participants in the open rooms',
    registers: [registry],
    collect() {
      this.set(peers().flatMap((peer) => peer.transportList).length);
    },
  });
  new Gauge({
    name: 'oncoboard_media_bitrate_bits_per_second',
    help: `Media bitrate of the transports, summed: in from the participants, out to them (stats of at most ${bitrates.limit} transports read per scrape, the others at their last reading)`,
    labelNames: ['direction'],
    registers: [registry],
    async collect() {
      const total = await bitrates.total(peers().flatMap((peer) => peer.transportList));
      this.set({ direction: 'in' }, total.in);
      this.set({ direction: 'out' }, total.out);
    },
  });

  new Counter({
    name: 'oncoboard_mediasoup_worker_cpu_seconds_total',
    help: 'CPU time of each mediasoup worker, by mode (user, system); worker is its place in the pool, kept by a replacement',
    labelNames: ['worker', 'mode'],
    registers: [registry],
    async collect() {
      // A counter set to the worker's own total: a replaced worker starts again from zero, which Prometheus reads as a reset.
      const workers = await media.workers.resourceUsage();
      this.reset();
      for (const { slot, usage } of workers) {
        this.inc({ worker: String(slot), mode: 'user' }, usage.ru_utime / 1000);
        this.inc({ worker: String(slot), mode: 'system' }, usage.ru_stime / 1000);
      }
    },
  });
  new Gauge({
    name: 'oncoboard_mediasoup_worker_max_rss_bytes',
    help: 'Peak resident memory of each mediasoup worker (getrusage ru_maxrss)',
    labelNames: ['worker'],
    registers: [registry],
    async collect() {
      const workers = await media.workers.resourceUsage();
      this.reset();
      // Linux reports ru_maxrss in kilobytes.
      for (const { slot, usage } of workers) this.set({ worker: String(slot) }, usage.ru_maxrss * 1024);
    },
  });
}
