import { randomUUID } from 'node:crypto';
import type { RtpCapabilities } from 'mediasoup/types';
import type { RoomCloseReason } from '../../shared/events';
import { mediaCodecs, type TransportOptionsFor } from './mediaSettings';
import { Room, type RoomPlacement } from './room';
import type { WorkerPool } from './workerPool';

/**
 * Live rooms by session id. It keeps the creation promise, so two people joining an empty room at
 * the same moment end up in the same room rather than in two.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The rooms already open, for telling their people about changes made elsewhere (REST). */
  private readonly open = new Map<string, Room>();
  private capabilities?: Promise<RtpCapabilities>;
  private readonly placement: RoomPlacement;

  constructor(
    private readonly workers: WorkerPool,
    transportOptions: TransportOptionsFor,
  ) {
    this.placement = { workers, transportOptions };
  }

  get count(): number {
    return this.rooms.size;
  }

  async getOrCreate(sessionId: string): Promise<Room> {
    const existing = this.rooms.get(sessionId);
    if (existing) {
      const room = await existing;
      if (!room.closed) return room;
    }
    const creating = Room.create(sessionId, this.placement);
    this.rooms.set(sessionId, creating);
    try {
      const room = await creating;
      this.open.set(sessionId, room);
      room.once('close', () => {
        if (this.rooms.get(sessionId) === creating) this.rooms.delete(sessionId);
        if (this.open.get(sessionId) === room) this.open.delete(sessionId);
      });
      return room;
    } catch (error) {
      if (this.rooms.get(sessionId) === creating) this.rooms.delete(sessionId);
      throw error;
    }
  }

  /**
   * What every room's router offers: all are made with the same codecs, so one router made once
   * answers for all of them, before a page enters any.
   */
  routerCapabilities(): Promise<RtpCapabilities> {
    this.capabilities ??= (async () => {
      const router = await this.workers.pick().createRouter({ mediaCodecs });
      router.close();
      return router.rtpCapabilities;
    })().catch((error: unknown) => {
      // A worker that failed now may not later: the next page asks again.
      this.capabilities = undefined;
      throw error;
    });
    return this.capabilities;
  }

  /** A room for one lobby's connection test: on the least-loaded worker, never listed, closed by its owner. */
  createProbe(): Promise<Room> {
    return Room.create(`probe:${randomUUID()}`, this.placement);
  }

  /** The session's room if people are in it now; never creates one. */
  find(sessionId: string): Room | undefined {
    return this.open.get(sessionId);
  }

  /** The rooms open now, for the metrics. */
  openRooms(): Room[] {
    return [...this.open.values()];
  }

  async closeAll(reason: RoomCloseReason): Promise<void> {
    const rooms = await Promise.allSettled(this.rooms.values());
    for (const result of rooms) if (result.status === 'fulfilled') result.value.close(reason);
    this.rooms.clear();
  }
}
