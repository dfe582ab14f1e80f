/**
 * The capacity bench's participants, in a process of their own so that their JavaScript does not
 * run in the server's event loop: headless WebRTC participants (libwebrtc) and light ones (their
 * own ICE, DTLS and SRTP, counting packets), entered one by one on request, sampled on request.
 * Talks to the bench through benchChild.ts (see loadProtocol.ts).
 */
import { HeadlessParticipant } from '../../tests/support/headlessParticipant';
import { LightParticipant } from '../../tests/support/lightParticipant';
import type { CameraRecording } from '../../tests/support/recordedCamera';
import { SyntheticMedia } from '../../tests/support/syntheticMedia';
import { benchParent } from '../benchChild';
import type { LoadCommand, LoadReply } from './loadProtocol';
import { recordCamera } from './recordCamera';

/** Longer than any join on a machine that keeps up: past it, the participant counts as unable to enter. */
const ENTER_LIMIT_MS = 30_000;

/** libwebrtc's synthetic sources, made only in the process that runs libwebrtc's participants. */
let media: SyntheticMedia | undefined;
const participants: (HeadlessParticipant | LightParticipant)[] = [];
/** The camera light participants replay. */
let recording: CameraRecording | undefined;

async function answer(request: Exclude<LoadCommand, { type: 'quit' }>): Promise<LoadReply> {
  switch (request.type) {
    case 'record':
      recording = await recordCamera(request.url, request.sessionId, request.cookies);
      return { type: 'recorded', recording };
    case 'enter': {
      const entering = request.light
        ? LightParticipant.enter(request.url, request.cookie, request.sessionId, request.plan, recording)
        : HeadlessParticipant.enter(request.url, request.cookie, request.sessionId, (media ??= new SyntheticMedia()), request.plan);
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not in the room within ${ENTER_LIMIT_MS / 1000} s`)), ENTER_LIMIT_MS);
      });
      let participant: HeadlessParticipant | LightParticipant;
      try {
        participant = await Promise.race([entering, limit]);
      } catch (error) {
        // Should it get in after all, it leaves.
        void entering.then((late) => late.leave()).catch(() => undefined);
        throw error;
      } finally {
        clearTimeout(timer);
      }
      participants.push(participant);
      return { type: 'entered', joinMs: participant.joinMs };
    }
    case 'sample': {
      const samples = await Promise.allSettled(participants.map(async (participant) => participant.received()));
      const received = samples.flatMap((sample) => (sample.status === 'fulfilled' ? [sample.value] : []));
      const failures = samples.flatMap((sample) => (sample.status === 'rejected' ? [String(sample.reason)] : []));
      const { user, system } = process.cpuUsage();
      return { type: 'sample', received, unreadable: failures, cpuMs: (user + system) / 1000 };
    }
    case 'leaveAll':
      await Promise.all(participants.splice(0).map(async (participant) => participant.leave()));
      return { type: 'left' };
  }
}

const bench = benchParent<LoadCommand, LoadReply>();
for (let command = await bench.next(); command.type !== 'quit'; command = await bench.next()) {
  bench.send(await answer(command).catch((error: unknown): LoadReply => ({ type: 'error', message: error instanceof Error ? error.message : String(error) })));
}
await Promise.all(participants.splice(0).map(async (participant) => participant.leave()));
media?.close();
bench.done();
// libwebrtc's threads abort the process when Node tears it down around them: leave at once instead.
process.exit(0);
