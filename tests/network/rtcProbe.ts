import type { Page } from 'playwright-core';

/**
 * Test-side instrumentation of a participant's page, installed before the app loads
 * (page.addInitScript); the app itself is not changed. It keeps every RTCPeerConnection the page
 * creates, so the test can read WebRTC's own statistics; it times each click on "Entrar a la sala"
 * and, from it, the first remote audio packet and the first decoded remote video frame; and it
 * keeps a timeline (signalling messages, connection states) to print when something is slow.
 */

/** One page's media as WebRTC counts it, summed over its peer connections. */
export interface MediaSnapshot {
  /** performance.now() in the page. */
  at: number;
  audioIn: {
    packetsReceived: number;
    packetsLost: number;
    totalSamplesReceived: number;
    concealedSamples: number;
    silentConcealedSamples: number;
    concealmentEvents: number;
    fecPacketsReceived: number;
    jitterBufferDelay: number;
    jitterBufferEmittedCount: number;
  };
  videoIn: {
    packetsLost: number;
    framesDecoded: number;
    freezeCount: number;
    totalFreezesDuration: number;
    nackCount: number;
    pliCount: number;
    frameWidth: number;
    bytesReceived: number;
  };
  /** Per outbound stream: 'audio', or the video's rid. */
  out: Record<string, { bytesSent: number; packetsSent: number; retransmittedPacketsSent: number; nackCount: number; frameWidth: number; targetBitrate: number }>;
  /** What the server reports of what it received from this page (remote-inbound-rtp), per kind. */
  outLoss: Record<string, { fractionLost: number; roundTripTime: number }>;
  /** The selected candidate pair of each open connection: the browser's estimate of its uplink, and the round trip. */
  paths: { availableOutgoingBitrate: number; roundTripTime: number }[];
}

/** Times in the page (performance.now()) of the last click on "Entrar a la sala" and of what came first after it. */
export interface FirstMedia {
  enteredAt: number | null;
  firstAudioAt: number | null;
  firstVideoAt: number | null;
}

/** Remote audio packets and video frames since the last mark, over every stream (new ones count from zero). */
export interface Progress {
  audioPackets: number;
  videoFrames: number;
}

interface Probe extends FirstMedia {
  snapshot(): Promise<MediaSnapshot>;
  mark(): Promise<void>;
  progress(): Promise<Progress>;
  timeline: string[];
}

type ProbeWindow = Window & { __probe: Probe };

/** Runs in the page (serialised by Playwright): it may use nothing from this module. */
function installProbe(): void {
  const NativeConnection = window.RTCPeerConnection;
  const connections: RTCPeerConnection[] = [];
  const timeline: string[] = [];
  const note = (what: string) => timeline.push(`${performance.now().toFixed(0)} ${what}`);
  class RecordedConnection extends NativeConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      const index = connections.push(this) - 1;
      this.addEventListener('iceconnectionstatechange', () => note(`pc${index} ice ${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () => note(`pc${index} ${this.connectionState}`));
    }
  }
  window.RTCPeerConnection = RecordedConnection;
  // The signalling, by event name and ack number: where the time goes on a slow link.
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event) => note(`<- ${String(event.data).slice(0, 40)}`));
      this.addEventListener('close', () => note('socket closed'));
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      note(`-> ${typeof data === 'string' ? data.slice(0, 40) : 'binary'}`);
      super.send(data);
    }
  };

  type Entry = Record<string, unknown> & { type: string; kind?: string; rid?: string; id: string };
  const num = (entry: Entry | undefined, key: string): number => (typeof entry?.[key] === 'number' ? entry[key] : 0);

  /** Each open connection's report (a closed one has none), with its index. */
  async function reports(from = 0): Promise<{ index: number; entries: Entry[] }[]> {
    const open = connections.map((connection, index) => ({ connection, index })).filter(({ connection, index }) => index >= from && connection.connectionState !== 'closed');
    const all = await Promise.all(
      open.map(({ connection, index }) =>
        connection.getStats().then(
          (report) => ({ index, entries: [...report.values()] as Entry[] }),
          () => null,
        ),
      ),
    );
    return all.filter((report) => report !== null);
  }

  async function snapshot(): Promise<MediaSnapshot> {
    const at = performance.now();
    const audioIn: MediaSnapshot['audioIn'] = {
      packetsReceived: 0,
      packetsLost: 0,
      totalSamplesReceived: 0,
      concealedSamples: 0,
      silentConcealedSamples: 0,
      concealmentEvents: 0,
      fecPacketsReceived: 0,
      jitterBufferDelay: 0,
      jitterBufferEmittedCount: 0,
    };
    const videoIn: MediaSnapshot['videoIn'] = {
      packetsLost: 0,
      framesDecoded: 0,
      freezeCount: 0,
      totalFreezesDuration: 0,
      nackCount: 0,
      pliCount: 0,
      frameWidth: 0,
      bytesReceived: 0,
    };
    const out: MediaSnapshot['out'] = {};
    const outLoss: MediaSnapshot['outLoss'] = {};
    const paths: MediaSnapshot['paths'] = [];
    // The microphone's sender now: one sent anew leaves its old sender's statistics behind, trackless.
    const microphoneNow = new Set<string>();
    for (const connection of connections.filter((candidate) => candidate.connectionState !== 'closed')) {
      for (const sender of connection.getSenders().filter((candidate) => candidate.track?.kind === 'audio')) {
        (await sender.getStats()).forEach((entry: Entry) => entry.type === 'outbound-rtp' && microphoneNow.add(entry.id));
      }
    }
    for (const { entries } of await reports()) {
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      for (const entry of entries) {
        if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
          for (const key of Object.keys(audioIn) as (keyof typeof audioIn)[]) audioIn[key] += num(entry, key);
        } else if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
          for (const key of Object.keys(videoIn) as (keyof typeof videoIn)[]) {
            if (key === 'frameWidth') videoIn.frameWidth = Math.max(videoIn.frameWidth, num(entry, key));
            else videoIn[key] += num(entry, key);
          }
        } else if (entry.type === 'outbound-rtp' && (entry.kind !== 'audio' || microphoneNow.has(entry.id))) {
          out[entry.kind === 'audio' ? 'audio' : String(entry.rid ?? 'video')] = {
            bytesSent: num(entry, 'bytesSent'),
            packetsSent: num(entry, 'packetsSent'),
            retransmittedPacketsSent: num(entry, 'retransmittedPacketsSent'),
            nackCount: num(entry, 'nackCount'),
            frameWidth: num(entry, 'frameWidth'),
            targetBitrate: num(entry, 'targetBitrate'),
          };
        } else if (entry.type === 'remote-inbound-rtp') {
          outLoss[String(entry.kind)] = {
            fractionLost: Math.max(outLoss[String(entry.kind)]?.fractionLost ?? 0, num(entry, 'fractionLost')),
            roundTripTime: num(entry, 'roundTripTime'),
          };
        } else if (entry.type === 'transport') {
          const pair = byId.get(String(entry.selectedCandidatePairId));
          if (pair) paths.push({ availableOutgoingBitrate: num(pair, 'availableOutgoingBitrate'), roundTripTime: num(pair, 'currentRoundTripTime') });
        }
      }
    }
    return { at, audioIn, videoIn, out, outLoss, paths };
  }

  /** Per inbound stream (connection and stats id): audio packets and video frames so far. */
  async function counts(): Promise<Map<string, number>> {
    const all = new Map<string, number>();
    for (const { index, entries } of await reports()) {
      for (const entry of entries) {
        if (entry.type === 'inbound-rtp') all.set(`${index}/${entry.id}`, entry.kind === 'audio' ? num(entry, 'packetsReceived') : num(entry, 'framesDecoded'));
      }
    }
    return all;
  }
  let marked = new Map<string, number>();

  const probe: Probe = {
    enteredAt: null,
    firstAudioAt: null,
    firstVideoAt: null,
    timeline,
    snapshot,
    async mark() {
      marked = await counts();
    },
    async progress() {
      const progress = { audioPackets: 0, videoFrames: 0 };
      for (const { index, entries } of await reports()) {
        for (const entry of entries) {
          if (entry.type !== 'inbound-rtp') continue;
          const before = marked.get(`${index}/${entry.id}`) ?? 0;
          if (entry.kind === 'audio') progress.audioPackets += Math.max(0, num(entry, 'packetsReceived') - before);
          else progress.videoFrames += Math.max(0, num(entry, 'framesDecoded') - before);
        }
      }
      return progress;
    },
  };
  (window as unknown as ProbeWindow).__probe = probe;

  // The click that enters the room starts the clock; only connections made after it count.
  let firstConnection = 0;
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.('button');
      if (!button?.textContent?.includes('Entrar a la sala')) return;
      probe.enteredAt = performance.now();
      probe.firstAudioAt = null;
      probe.firstVideoAt = null;
      firstConnection = connections.length;
      note('entering');
    },
    true,
  );
  // From then on, every 20 ms until both have come: the first remote audio packet and video frame.
  let busy = false;
  setInterval(() => {
    if (probe.enteredAt === null || (probe.firstAudioAt !== null && probe.firstVideoAt !== null) || busy) return;
    busy = true;
    void reports(firstConnection)
      .then((all) => {
        const now = performance.now();
        for (const entry of all.flatMap((report) => report.entries)) {
          if (entry.type !== 'inbound-rtp') continue;
          if (entry.kind === 'audio' && probe.firstAudioAt === null && (num(entry, 'packetsReceived') > 0 || num(entry, 'totalSamplesReceived') > 0)) {
            probe.firstAudioAt = now;
            note('first audio');
          }
          if (entry.kind === 'video' && probe.firstVideoAt === null && num(entry, 'framesDecoded') > 0) {
            probe.firstVideoAt = now;
            note('first video');
          }
        }
      })
      .finally(() => (busy = false));
  }, 20);
}

/** Installs the probe in every document the page loads from now on. */
export async function probePage(page: Page): Promise<void> {
  await page.addInitScript(installProbe);
}

export function snapshot(page: Page): Promise<MediaSnapshot> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__probe.snapshot());
}

export function firstMedia(page: Page): Promise<FirstMedia> {
  return page.evaluate(() => {
    const { enteredAt, firstAudioAt, firstVideoAt } = (window as unknown as ProbeWindow).__probe;
    return { enteredAt, firstAudioAt, firstVideoAt };
  });
}

/** From now on, progress() counts what arrives. */
export function markProgress(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__probe.mark());
}

export function progress(page: Page): Promise<Progress> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__probe.progress());
}

export function timeline(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__probe.timeline);
}
