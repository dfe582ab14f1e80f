import type { Consumer, RtpCapabilities } from 'mediasoup/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config';
import { AppError } from '../../server/domain/errors';
import { webRtcTransportOptions } from '../../server/media/mediaSettings';
import { TRANSPORTS_PER_DIRECTION, type PeerIdentity, type PeerSignal } from '../../server/media/peer';
import type { Room } from '../../server/media/room';
import { RoomRegistry } from '../../server/media/roomRegistry';
import { WorkerPool } from '../../server/media/workerPool';
import { cameraRtpParameters, microphoneRtpParameters } from '../support/rtp';

type Signal = { event: string; payload: unknown };

function identity(displayName: string, roles: PeerIdentity['roles'] = ['expert']): PeerIdentity {
  return { userId: '0123456789abcdef01234561', displayName, centerId: '0123456789abcdef01234571', roles, specialty: '' };
}

function recorder(): { signal: PeerSignal; received: Signal[] } {
  const received: Signal[] = [];
  return { received, signal: (event, ...args) => received.push({ event, payload: args[0] }) };
}

function watchConsumers(room: Room): Consumer[] {
  const consumers: Consumer[] = [];
  room.router.observer.on('newtransport', (transport) => transport.observer.on('newconsumer', (consumer) => consumers.push(consumer)));
  return consumers;
}

const config = loadConfig();
let pool: WorkerPool;
let rooms: RoomRegistry;

beforeAll(async () => {
  pool = await WorkerPool.create({ size: 1, workerBin: config.media.workerBin });
  rooms = new RoomRegistry(pool, webRtcTransportOptions(config.media));
});
afterAll(async () => {
  await rooms.closeAll('shutdown');
  pool.close();
});

describe('a room on the real mediasoup worker', () => {
  it('carries a camera from one peer to another through two WebRTC transports', async () => {
    const room = await rooms.getOrCreate('sesion-media-1');
    const consumers = watchConsumers(room);
    const viewer = recorder();
    const presenter = recorder();
    const b = await room.join('viewer', identity('Dr. Ortiz'), viewer.signal);
    const a = await room.join('presenter', identity('Dra. López', ['presenter']), presenter.signal);
    expect(viewer.received).toContainEqual({
      event: 'room:peerJoined',
      payload: { peerId: 'presenter', ...identity('Dra. López', ['presenter']), producers: [], interrupted: false },
    });

    const sendTransport = await a.createTransport('send');
    expect(sendTransport.iceCandidates.length).toBeGreaterThan(0);
    expect(sendTransport.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    const producer = await a.produce(sendTransport.id, 'video', cameraRtpParameters(), 'camera');
    room.announceProducer(producer);
    // The viewer has not said how it receives: it is told, without a consumer, and asks for one.
    await vi.waitFor(() =>
      expect(viewer.received).toContainEqual({
        event: 'room:producerAdded',
        payload: { producerId: producer.id, peerId: 'presenter', kind: 'video', source: 'camera', paused: false },
      }),
    );
    await a.pauseProducer(producer.id, true);
    room.announceProducerState(producer);
    expect(viewer.received).toContainEqual({
      event: 'room:producerState',
      payload: { producerId: producer.id, peerId: 'presenter', kind: 'video', source: 'camera', paused: true },
    });
    await a.pauseProducer(producer.id, false);

    const recvTransport = await b.createTransport('recv');
    const consumed = await b.consume(recvTransport.id, room.findProducer(producer.id), room.router.rtpCapabilities);
    expect(consumed).toMatchObject({ producerId: producer.id, peerId: 'presenter', kind: 'video', source: 'camera' });
    expect(consumed.rtpParameters.codecs[0]!.mimeType).toBe('video/VP8');
    expect(consumers).toHaveLength(1);
    expect(consumers[0]!.paused).toBe(true);
    // One already gone (its sender left) is answered back, and the others are resumed all the same.
    expect(await b.resumeConsumers(['consumer-gone', consumed.consumerId])).toEqual(['consumer-gone']);
    expect(consumers[0]!.paused).toBe(false);
    expect(b.holdings()).toEqual({ transports: 1, producers: 0, consumers: 1 });

    room.leave('presenter');
    expect(producer.closed).toBe(true);
    expect(viewer.received).toContainEqual({ event: 'room:peerLeft', payload: { peerId: 'presenter' } });
    // The worker reports the closed producer to its consumers asynchronously.
    await vi.waitFor(() => expect(consumers[0]!.closed).toBe(true));
    expect(viewer.received).toContainEqual({ event: 'media:consumerClosed', payload: { consumerId: consumed.consumerId } });
    expect(b.holdings()).toEqual({ transports: 1, producers: 0, consumers: 0 });

    room.leave('viewer');
    expect(b.closed).toBe(true);
    expect(room.closed).toBe(true);
    expect(room.router.closed).toBe(true);
    expect(rooms.count).toBe(0);
  });

  it('says nothing of a consumer made for a page whose sender stopped before the news of it went out', async () => {
    const room = await rooms.getOrCreate('sesion-media-untold');
    const viewer = recorder();
    const receiver = await room.join('viewer', identity('Dr. Ortiz'), viewer.signal);
    const sender = await room.join('presenter', identity('Dra. López', ['presenter']), recorder().signal);
    const recv = await receiver.createTransport('recv');
    receiver.receiveOn(recv.id, room.router.rtpCapabilities);
    const producer = await sender.produce((await sender.createTransport('send')).id, 'video', cameraRtpParameters(), 'camera');
    // The camera stops the moment the viewer's consumer exists, before its news is sent.
    const made: Consumer[] = [];
    receiver.transportList[0]!.observer.once('newconsumer', (consumer) => {
      made.push(consumer);
      producer.close();
    });
    room.announceProducer(producer);
    await vi.waitFor(() => expect(made[0]?.closed).toBe(true));
    // A request answered after the worker has reported the producer's end to its consumers.
    await receiver.transportList[0]!.dump();
    expect(viewer.received.map(({ event }) => event)).not.toContain('room:producerAdded');
    expect(viewer.received.map(({ event }) => event)).not.toContain('media:consumerClosed');
    expect(receiver.holdings()).toEqual({ transports: 1, producers: 0, consumers: 0 });
    room.close('shutdown');
  });

  it('sends each receiver the simulcast layer its tile needs, nothing while it is off screen, and tells the sender which layers to encode', async () => {
    const room = await rooms.getOrCreate('sesion-media-5');
    const consumers = watchConsumers(room);
    const senderSignals = recorder();
    const sender = await room.join('sender', identity('Dra. López', ['presenter']), senderSignals.signal);
    const receiver = await room.join('receiver', identity('Dr. Ortiz'), recorder().signal);
    const send = await sender.createTransport('send');
    const simulcast = { ...cameraRtpParameters(), encodings: [{ ssrc: 1001 }, { ssrc: 1002 }, { ssrc: 1003 }] };
    const producer = await sender.produce(send.id, 'video', simulcast, 'camera');
    room.announceProducer(producer);
    const demands = () =>
      senderSignals.received.filter((signal) => signal.event === 'media:producerDemand').map((signal) => (signal.payload as { spatialLayer: number | null }).spatialLayer);
    // Nobody receives it yet: no layer is worth encoding.
    expect(demands()).toEqual([null]);
    const recv = await receiver.createTransport('recv');
    const consumed = await receiver.consume(recv.id, producer, room.router.rtpCapabilities);
    expect(demands()).toEqual([null]);
    expect(await receiver.resumeConsumers([consumed.consumerId])).toEqual([]);
    expect(consumers[0]!.type).toBe('simulcast');
    // A new viewer starts at the lowest layer, until its tile asks for more.
    expect(consumers[0]!.preferredLayers).toMatchObject({ spatialLayer: 0 });
    expect(demands()).toEqual([null, 0]);

    await receiver.setConsumerLayers(consumed.consumerId, 1);
    expect(consumers[0]!.preferredLayers).toMatchObject({ spatialLayer: 1 });
    expect(demands()).toEqual([null, 0, 1]);
    await receiver.pauseConsumer(consumed.consumerId, true);
    expect(consumers[0]!.paused).toBe(true);
    expect(demands()).toEqual([null, 0, 1, null]);
    await receiver.pauseConsumer(consumed.consumerId, false);
    await receiver.setConsumerLayers(consumed.consumerId, 2);
    expect(consumers[0]!).toMatchObject({ paused: false, preferredLayers: { spatialLayer: 2 } });
    expect(demands()).toEqual([null, 0, 1, null, 1, 2]);
    await expect(receiver.setConsumerLayers('nope', 1)).rejects.toMatchObject({ code: 'not_found' });
    room.leave('receiver');
    expect(demands()).toEqual([null, 0, 1, null, 1, 2, null]);
    room.close('shutdown');
  });

  it('puts two simultaneous joins of an empty room into the same room', async () => {
    const [first, second] = await Promise.all([rooms.getOrCreate('sesion-media-2'), rooms.getOrCreate('sesion-media-2')]);
    expect(first).toBe(second);
    first.close('shutdown');
  });

  it('refuses media requests that do not fit, with a code the client can show', async () => {
    const room = await rooms.getOrCreate('sesion-media-3');
    const peer = await room.join('p', identity('Dr. Ruiz'), recorder().signal);
    const send = await peer.createTransport('send');
    const recv = await peer.createTransport('recv');

    await expect(peer.produce(recv.id, 'video', cameraRtpParameters(), 'camera')).rejects.toMatchObject({ code: 'invalid_input', field: 'transportId' });
    await expect(peer.produce('no-such-transport', 'video', cameraRtpParameters(), 'camera')).rejects.toMatchObject({ code: 'not_found' });
    const h265 = { ...cameraRtpParameters(), codecs: [{ mimeType: 'video/H265', payloadType: 100, clockRate: 90000 }] };
    await expect(peer.produce(send.id, 'video', h265, 'camera')).rejects.toMatchObject({ code: 'media_error' });
    expect(() => room.findProducer('nope')).toThrow(AppError);

    const producer = await peer.produce(send.id, 'video', cameraRtpParameters(), 'camera');
    const audioOnly: RtpCapabilities = { codecs: room.router.rtpCapabilities.codecs!.filter((codec) => codec.kind === 'audio') };
    await expect(peer.consume(recv.id, producer, audioOnly)).rejects.toMatchObject({ code: 'media_error' });
    // One the peer no longer has (its sender left meanwhile) is answered back rather than refused.
    expect(await peer.resumeConsumers(['nope'])).toEqual(['nope']);

    peer.close();
    peer.close();
    expect(peer.holdings()).toEqual({ transports: 0, producers: 0, consumers: 0 });
    room.close('shutdown');
  });

  it('lets a page replace its send transport: closing the old one ends what it sent for the others, and the same sources go out on the new one', async () => {
    const room = await rooms.getOrCreate('sesion-media-6');
    const viewer = recorder();
    const b = await room.join('viewer', identity('Dr. Ortiz'), viewer.signal);
    const a = await room.join('presenter', identity('Dra. López', ['presenter']), recorder().signal);
    const recv = await b.createTransport('recv');
    const old = await a.createTransport('send');
    const camera = await a.produce(old.id, 'video', cameraRtpParameters(), 'camera');
    const consumed = await b.consume(recv.id, camera, room.router.rtpCapabilities);

    // Only one's own transport, and only one that sends.
    expect(() => a.closeSendTransport(recv.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => b.closeSendTransport(recv.id)).toThrow(expect.objectContaining({ code: 'invalid_input', field: 'transportId' }));
    const replacement = await a.createTransport('send');
    a.closeSendTransport(old.id);
    await vi.waitFor(() => expect(viewer.received).toContainEqual({ event: 'media:consumerClosed', payload: { consumerId: consumed.consumerId } }));
    expect(() => a.closeSendTransport(old.id)).toThrow(expect.objectContaining({ code: 'not_found' }));

    // A produce whose transport closes while it is made (its answer lost, the page replacing the
    // transport meanwhile) is refused, and does not hold the source.
    const doomed = await a.createTransport('send');
    const late = a.produce(doomed.id, 'audio', microphoneRtpParameters(), 'microphone');
    a.closeSendTransport(doomed.id);
    await expect(late).rejects.toMatchObject({ code: 'not_found', field: 'transportId' });

    const again = await a.produce(replacement.id, 'video', cameraRtpParameters(), 'camera');
    expect(again.id).not.toBe(camera.id);
    await a.produce(replacement.id, 'audio', microphoneRtpParameters(), 'microphone');
    expect(a.holdings()).toEqual({ transports: 1, producers: 2, consumers: 0 });
    room.close('shutdown');
  });
});

describe('one participant’s share of the server', () => {
  it('is bounded however fast it asks: two transports each way, one producer per source, one consumer per producer', async () => {
    const room = await rooms.getOrCreate('sesion-media-5');
    const flooder = await room.join('flood', identity('Cliente roto'), recorder().signal);
    const attempts = await Promise.allSettled(Array.from({ length: 40 }, (_, index) => flooder.createTransport(index % 2 ? 'send' : 'recv')));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(2 * TRANSPORTS_PER_DIRECTION);
    expect(attempts.filter((attempt) => attempt.status === 'rejected').map((attempt) => attempt.reason.code)).toEqual(Array(40 - 2 * TRANSPORTS_PER_DIRECTION).fill('conflict'));
    const [send, recv] = [attempts[1], attempts[0]].map((attempt) => (attempt as PromiseFulfilledResult<{ id: string }>).value.id);
    const cameras = await Promise.allSettled([1, 2, 3].map(() => flooder.produce(send!, 'video', cameraRtpParameters(), 'camera')));
    expect(cameras.map((camera) => camera.status).sort()).toEqual(['fulfilled', 'rejected', 'rejected']);

    const other = await room.join('other', identity('Dra. Sana', ['presenter']), recorder().signal);
    const otherSend = await other.createTransport('send');
    const producer = await other.produce(otherSend.id, 'video', cameraRtpParameters(), 'camera');
    const receptions = await Promise.allSettled([1, 2, 3].map(() => flooder.consume(recv!, producer, room.router.rtpCapabilities)));
    expect(receptions.map((reception) => reception.status).sort()).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(flooder.holdings()).toEqual({ transports: 4, producers: 1, consumers: 1 });
    room.close('shutdown');
  });
});

describe('the worker pool', () => {
  it('replaces a worker that dies, and tells the peers of its rooms', async () => {
    const room = await rooms.getOrCreate('sesion-media-4');
    const peer = recorder();
    await room.join('p', identity('Dra. Salas'), peer.signal);
    const [dead] = pool.describe();
    process.kill(dead!.pid, 'SIGKILL');

    await vi.waitFor(() => expect(room.closed).toBe(true), { timeout: 5000 });
    expect(peer.received).toContainEqual({ event: 'room:closed', payload: { reason: 'media_restarted' } });
    await vi.waitFor(
      () => {
        const workers = pool.describe();
        expect(workers).toHaveLength(1);
        expect(workers[0]).toMatchObject({ alive: true });
        expect(workers[0]!.pid).not.toBe(dead!.pid);
      },
      { timeout: 10000 },
    );
    const again = await rooms.getOrCreate('sesion-media-4');
    expect(again).not.toBe(room);
    again.close('shutdown');
  });
});

describe('a pool on single ports (RTC_PORT), for firewalls that open one', () => {
  it('puts every transport of a worker on its one port, UDP and TCP, and a replacement worker on the same port', async () => {
    const port = 46_000 + Math.floor(Math.random() * 1000) * 2;
    const media = { ...config.media, rtcPort: port };
    const single = await WorkerPool.create({ size: 2, workerBin: config.media.workerBin, webRtcServer: { ip: media.listenIp, port } });
    const registry = new RoomRegistry(single, webRtcTransportOptions(media));
    try {
      const portsOf = async (sessionId: string) => {
        const room = await registry.getOrCreate(sessionId);
        const peer = await room.join(`peer-${sessionId}`, identity('Dra. López'), recorder().signal);
        const transports = [await peer.createTransport('send'), await peer.createTransport('recv')];
        return transports.flatMap((transport) => transport.iceCandidates.map((candidate) => `${candidate.protocol}:${candidate.port}`));
      };
      // Two rooms land on the two workers: each worker has its own port.
      const first = new Set(await portsOf('single-1'));
      const second = new Set(await portsOf('single-2'));
      expect([...first, ...second].sort()).toEqual([`tcp:${port}`, `tcp:${port + 1}`, `udp:${port}`, `udp:${port + 1}`]);

      const [dead] = single.describe();
      process.kill(dead!.pid, 'SIGKILL');
      await vi.waitFor(() => expect(single.describe().filter((worker) => worker.alive && worker.pid !== dead!.pid)).toHaveLength(2), { timeout: 10_000 });
      const after = new Set([...(await portsOf('single-3')), ...(await portsOf('single-4'))]);
      expect([...after].sort()).toEqual([`tcp:${port}`, `tcp:${port + 1}`, `udp:${port}`, `udp:${port + 1}`]);
    } finally {
      await registry.closeAll('shutdown');
      single.close();
    }
  });
});
