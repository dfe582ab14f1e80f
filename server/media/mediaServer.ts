import type { Config } from '../config';
import { webRtcTransportOptions } from './mediaSettings';
import { RoomRegistry } from './roomRegistry';
import { WorkerPool } from './workerPool';

/** The SFU as the rest of the server sees it: the worker pool and the rooms placed on it. */
export class MediaServer {
  private constructor(
    readonly workers: WorkerPool,
    readonly rooms: RoomRegistry,
  ) {}

  static async start(media: Config['media']): Promise<MediaServer> {
    const webRtcServer = media.rtcPort === undefined ? undefined : { ip: media.listenIp, announcedAddress: media.announcedAddress, port: media.rtcPort };
    const workers = await WorkerPool.create({ size: media.workers, workerBin: media.workerBin, webRtcServer, consumersPerWorker: media.consumersPerWorker });
    return new MediaServer(workers, new RoomRegistry(workers, webRtcTransportOptions(media)));
  }

  get healthy(): boolean {
    return this.workers.describe().some((worker) => worker.alive);
  }

  async close(): Promise<void> {
    await this.rooms.closeAll('shutdown');
    this.workers.close();
  }
}
