import * as mediasoup from 'mediasoup';
import { AppError } from '../domain/errors';
import type { WebRtcServer, Worker, WorkerResourceUsage } from 'mediasoup/types';
import { log } from '../logger';

export interface WorkerPoolOptions {
  size: number;
  workerBin?: string;
  /**
   * All of a worker's WebRTC on one port (UDP and TCP) instead of a port per transport, for
   * firewalls that open a single port: worker n listens on `port + n`, its replacement on the same.
   */
  webRtcServer?: { ip: string; announcedAddress?: string; port: number };
  /**
   * How many consumers a worker carries before a session on it spreads to another worker (mediasoup's
   * guidance: about 500 per worker).
   */
  consumersPerWorker?: number;
}

/** What each worker carries: its WebRtcServer, when the pool listens on single ports. */
export type WorkerData = { webRtcServer?: WebRtcServer };

/** What a worker carries: consumers forward media (its real cost), routers break ties between idle workers. */
interface WorkerLoad {
  consumers: number;
  routers: number;
}

/**
 * One mediasoup worker per core. New routers go to the least-loaded worker (fewest consumers, then
 * fewest routers); a worker that dies is replaced, and the rooms it carried close with it.
 */
export class WorkerPool {
  private readonly workers: Worker<WorkerData>[] = [];
  /** Each worker's place in the pool: it picks the worker's single port. */
  private readonly slots = new Map<Worker, number>();
  private readonly loads = new Map<Worker, WorkerLoad>();
  private closed = false;
  readonly consumersPerWorker: number;

  private constructor(private readonly options: WorkerPoolOptions) {
    this.consumersPerWorker = options.consumersPerWorker ?? 500;
  }

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      for (let slot = 0; slot < options.size; slot++) await pool.spawn(slot);
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  private async spawn(slot: number): Promise<Worker<WorkerData>> {
    const worker = await mediasoup.createWorker<WorkerData>({
      logLevel: 'warn',
      ...(this.options.workerBin ? { workerBin: this.options.workerBin } : {}),
    });
    const single = this.options.webRtcServer;
    if (single) {
      const listen = { ip: single.ip, announcedAddress: single.announcedAddress, port: single.port + slot };
      try {
        worker.appData.webRtcServer = await worker.createWebRtcServer({
          listenInfos: [
            { protocol: 'udp', ...listen },
            { protocol: 'tcp', ...listen },
          ],
        });
      } catch (error) {
        worker.close();
        throw error;
      }
    }
    this.workers.push(worker);
    this.slots.set(worker, slot);
    const load: WorkerLoad = { consumers: 0, routers: 0 };
    this.loads.set(worker, load);
    worker.observer.on('newrouter', (router) => {
      load.routers += 1;
      router.observer.once('close', () => (load.routers -= 1));
      router.observer.on('newtransport', (transport) =>
        transport.observer.on('newconsumer', (consumer) => {
          load.consumers += 1;
          consumer.observer.once('close', () => (load.consumers -= 1));
        }),
      );
    });
    worker.on('died', (error) => this.replace(worker, error));
    log.info('media worker started', { pid: worker.pid });
    return worker;
  }

  private replace(dead: Worker, error: Error): void {
    log.error('media worker died', { pid: dead.pid, error: error.message });
    this.workers.splice(this.workers.indexOf(dead), 1);
    this.loads.delete(dead);
    const slot = this.slots.get(dead) ?? 0;
    this.slots.delete(dead);
    if (this.closed) return;
    this.spawn(slot).catch((spawnError: unknown) => log.error('media worker could not be replaced', { error: String(spawnError) }));
  }

  /** The least-loaded live worker. */
  pick(): Worker<WorkerData> {
    const worker = this.leastLoaded([]);
    if (!worker) throw new AppError('unavailable', 'the media server is restarting; try again shortly');
    return worker;
  }

  /** The least-loaded live worker other than `taken` (the workers a session already uses), if any. */
  leastLoaded(taken: readonly Worker[]): Worker<WorkerData> | undefined {
    const free = this.workers.filter((worker) => !worker.closed && !taken.includes(worker));
    return free.reduce<Worker<WorkerData> | undefined>((best, worker) => (!best || this.isLighter(worker, best) ? worker : best), undefined);
  }

  /** How many consumers the worker forwards to now. */
  consumersOn(worker: Worker): number {
    return this.loads.get(worker)?.consumers ?? 0;
  }

  private isLighter(worker: Worker, than: Worker): boolean {
    const a = this.loads.get(worker) ?? { consumers: 0, routers: 0 };
    const b = this.loads.get(than) ?? { consumers: 0, routers: 0 };
    return a.consumers !== b.consumers ? a.consumers < b.consumers : a.routers < b.routers;
  }

  describe(): { pid: number; alive: boolean }[] {
    return this.workers.map((worker) => ({ pid: worker.pid, alive: !worker.closed && !worker.died }));
  }

  /** Each live worker's CPU time and peak memory, by its place in the pool (kept by its replacement). */
  async resourceUsage(): Promise<{ slot: number; usage: WorkerResourceUsage }[]> {
    const live = this.workers.filter((worker) => !worker.closed);
    const usages = await Promise.allSettled(live.map((worker) => worker.getResourceUsage()));
    return live.flatMap((worker, index) => {
      const usage = usages[index];
      return usage?.status === 'fulfilled' ? [{ slot: this.slots.get(worker) ?? 0, usage: usage.value }] : [];
    });
  }

  close(): void {
    this.closed = true;
    for (const worker of this.workers) worker.close();
  }
}
