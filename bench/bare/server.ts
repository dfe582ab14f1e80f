/**
 * The bare server: one mediasoup router on one worker (the app's worker binary, codecs and
 * transport settings), Socket.IO signalling of its own (signals.ts) and the bare page, bundled
 * by Vite into a temporary folder. No accounts, rooms, validation or anything else of the app:
 * the bench trusts its own pages.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as mediasoup from 'mediasoup';
import type { Consumer, Producer, WebRtcTransport } from 'mediasoup/types';
import { Server } from 'socket.io';
import { build } from 'vite';
import { loadConfig } from '../../server/config';
import { mediaCodecs, webRtcTransportOptions } from '../../server/media/mediaSettings';
import type { RtpCapabilities } from 'mediasoup-client/types';
import type { BareConsumer, BareRequests } from './signals';

const contentTypes: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };

/** Bundles the bare page (index.html and page.ts beside this file) into a new temporary folder. */
async function bundlePage(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-bare-page-'));
  await build({ configFile: false, root: import.meta.dirname, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

export async function startBareServer(): Promise<BareServer> {
  const pageDir = await bundlePage();
  const { media } = loadConfig();
  const worker = await mediasoup.createWorker({ logLevel: 'warn', workerBin: media.workerBin });
  const router = await worker.createRouter({ mediaCodecs });
  const transportOptions = webRtcTransportOptions(media)(worker);
  let camera: Producer | undefined;

  const http = createServer((request, response) => {
    const file = path.join(pageDir, path.normalize(new URL(request.url ?? '/', 'http://bare').pathname.replace(/\/$/, '/index.html')));
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const io = new Server<BareRequests>(http);
  io.on('connection', (socket) => {
    const transports = new Map<string, WebRtcTransport>();
    const consumers = new Map<string, Consumer>();
    socket.on('disconnect', () => transports.forEach((transport) => transport.close()));
    /** Runs a request; a failure is printed (and the page's request times out). */
    const handle =
      <Args extends unknown[]>(work: (...args: Args) => Promise<void>) =>
      (...args: Args) => {
        work(...args).catch((error: unknown) => console.error('bare signalling failed:', error));
      };

    // mediasoup and mediasoup-client spell the same wire format with separately versioned types.
    socket.on('capabilities', (answer) => answer(router.rtpCapabilities as RtpCapabilities));
    socket.on(
      'createTransport',
      handle(async (answer) => {
        const transport = await router.createWebRtcTransport(transportOptions);
        transports.set(transport.id, transport);
        const { id, iceParameters, iceCandidates, dtlsParameters } = transport;
        answer({ id, iceParameters, iceCandidates, dtlsParameters });
      }),
    );
    socket.on(
      'connectTransport',
      handle(async ({ transportId, dtlsParameters }, answer) => {
        await transports.get(transportId)!.connect({ dtlsParameters });
        answer();
      }),
    );
    socket.on(
      'produce',
      handle(async ({ transportId, rtpParameters }, answer) => {
        camera = await transports.get(transportId)!.produce({ kind: 'video', rtpParameters });
        answer(camera.id);
      }),
    );
    socket.on(
      'consume',
      handle(async ({ transportId, rtpCapabilities }, answer) => {
        if (!camera) throw new Error('nobody sends yet');
        const consumer = await transports.get(transportId)!.consume({ producerId: camera.id, rtpCapabilities, paused: true });
        consumers.set(consumer.id, consumer);
        answer({ id: consumer.id, producerId: camera.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters as BareConsumer['rtpParameters'] });
      }),
    );
    socket.on(
      'resume',
      handle(async (consumerId, answer) => {
        await consumers.get(consumerId)!.resume();
        answer();
      }),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async close() {
      await io.close();
      worker.close();
      rmSync(pageDir, { recursive: true, force: true });
    },
  };
}
