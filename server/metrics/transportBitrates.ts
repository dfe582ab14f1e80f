/** Stats asked of the workers per scrape at most: each is a request to the transport's worker. */
export const STATS_PER_SCRAPE = 200;

/** What is read of a transport: mediasoup's stats, which every kind of transport gives. */
export interface MeasuredTransport {
  getStats(): Promise<{ recvBitrate: number; sendBitrate: number }[]>;
}

interface Reading {
  in: number;
  out: number;
  /** The scrape that read it (0: never read). */
  scrape: number;
}

/**
 * The bitrates the media transports receive and send, summed (mediasoup's recvBitrate and
 * sendBitrate, in bits per second, RTP and RTCP included). A scrape reads the stats of at most
 * `limit` transports, the least recently read first, and counts the others at their last reading:
 * the cost of a scrape stays bounded on a busy instance, and no transport is left out of the sum
 * for more than a few scrapes.
 */
export class TransportBitrates {
  private readings = new Map<MeasuredTransport, Reading>();
  private scrapes = 0;

  constructor(readonly limit = STATS_PER_SCRAPE) {}

  async total(transports: readonly MeasuredTransport[]): Promise<{ in: number; out: number }> {
    const scrape = ++this.scrapes;
    // Only the live transports are kept: a closed one's last reading goes with it.
    const readings = new Map(transports.map((transport) => [transport, this.readings.get(transport) ?? { in: 0, out: 0, scrape: 0 }]));
    this.readings = readings;
    const due = [...readings].sort(([, a], [, b]) => a.scrape - b.scrape).slice(0, this.limit);
    await Promise.all(
      due.map(async ([transport]) => {
        // A transport closed meanwhile has nothing more to count.
        const [stats] = await transport.getStats().catch(() => []);
        readings.set(transport, { in: stats?.recvBitrate ?? 0, out: stats?.sendBitrate ?? 0, scrape });
      }),
    );
    let sum = { in: 0, out: 0 };
    for (const reading of readings.values()) sum = { in: sum.in + reading.in, out: sum.out + reading.out };
    return sum;
  }
}
