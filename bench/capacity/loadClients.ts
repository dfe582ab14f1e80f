/**
 * The capacity bench's participants, in a process of their own so that their JavaScript does not
 * run in the server's event loop: headless WebRTC participants entered one by one on request,
 * sampled on request. Talks to its parent over IPC (see loadProtocol.ts).
 */
import { HeadlessParticipant } from '../../tests/support/headlessParticipant';
import { SyntheticMedia } from '../../tests/support/syntheticMedia';
import type { LoadReply, LoadRequest } from './loadProtocol';

/** Longer than any join on a machine that keeps up: past it, the participant counts as unable to enter. */
const ENTER_LIMIT_MS = 30_000;

const media = new SyntheticMedia();
const participants: HeadlessParticipant[] = [];

async function answer(request: LoadRequest): Promise<LoadReply> {
  switch (request.type) {
    case 'enter': {
      const entering = HeadlessParticipant.enter(request.url, request.cookie, request.sessionId, media, request.plan);
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not in the room within ${ENTER_LIMIT_MS / 1000} s`)), ENTER_LIMIT_MS);
      });
      let participant: HeadlessParticipant;
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
      return { id: request.id, type: 'entered', joinMs: participant.joinMs };
    }
    case 'sample': {
      const samples = await Promise.allSettled(participants.map((participant) => participant.received()));
      const received = samples.flatMap((sample) => (sample.status === 'fulfilled' ? [sample.value] : []));
      const failures = samples.flatMap((sample) => (sample.status === 'rejected' ? [String(sample.reason)] : []));
      const { user, system } = process.cpuUsage();
      return { id: request.id, type: 'sample', received, unreadable: failures, cpuMs: (user + system) / 1000 };
    }
    case 'leaveAll':
      for (const participant of participants.splice(0)) participant.leave();
      return { id: request.id, type: 'left' };
  }
}

process.on('message', (request: LoadRequest) => {
  void answer(request)
    .catch((error: unknown): LoadReply => ({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .then((reply) => process.send!(reply));
});
process.on('disconnect', () => {
  media.close();
  process.exit(0);
});
