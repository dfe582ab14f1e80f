/**
 * The bare page: mediasoup-client's Device loaded on arrival (as the app's lobby does), then either
 * sending the camera or receiving it — one transport, one producer or consumer, nothing else.
 */
import { io, type Socket } from 'socket.io-client';
import { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { captureCamera } from '../../client/media/localMedia';
import type { BarePage, BareRequests } from './signals';

const socket: Socket<Record<string, never>, BareRequests> = io({ transports: ['websocket'] });
// A bench that waits forever on a lost answer learns nothing: fail instead.
const ask = () => socket.timeout(10_000);

const device = new Device();
await device.load({ routerRtpCapabilities: await ask().emitWithAck('capabilities') });

/** A transport the server made, whose DTLS parameters go back to it when the browser connects it. */
async function transport(direction: 'send' | 'recv'): Promise<Transport> {
  const options = await ask().emitWithAck('createTransport');
  const made = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
  made.on('connect', ({ dtlsParameters }, done, fail) => {
    ask().emitWithAck('connectTransport', { transportId: made.id, dtlsParameters }).then(done, fail);
  });
  return made;
}

const bare: BarePage = {
  async send() {
    const track = await captureCamera({});
    const sending = await transport('send');
    sending.on('produce', ({ rtpParameters }, done, fail) => {
      ask()
        .emitWithAck('produce', { transportId: sending.id, rtpParameters })
        .then((id) => done({ id }), fail);
    });
    await sending.produce({ track });
    // Done once the camera flows: the receivers' joins then find it sending.
    if (sending.connectionState !== 'connected') {
      await new Promise<void>((resolve) => sending.on('connectionstatechange', (state) => state === 'connected' && resolve()));
    }
  },

  async receive() {
    const receiving = await transport('recv');
    // Created paused on the server and resumed once this side can show it, so no keyframe is lost.
    const consumer = await receiving.consume(await ask().emitWithAck('consume', { transportId: receiving.id, rtpCapabilities: device.rtpCapabilities }));
    const video = Object.assign(document.createElement('video'), { muted: true, autoplay: true, playsInline: true, srcObject: new MediaStream([consumer.track]) });
    document.body.append(video);
    const firstFrame = new Promise<number>((resolve) => video.requestVideoFrameCallback(() => resolve(performance.now())));
    await ask().emitWithAck('resume', consumer.id);
    return firstFrame;
  },
};
Object.assign(window, { bare });
