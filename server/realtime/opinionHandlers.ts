import type { Actor } from '../domain/actor';
import type { OpinionService } from '../domain/opinionService';
import type { Peer } from '../media/peer';
import type { Room } from '../media/room';
import type { RequestHandlers } from './requestHandlers';

type OpinionRequests = Pick<RequestHandlers, 'opinion:list' | 'opinion:saveDraft' | 'opinion:publish'>;

/** Opinions on the room's cases; a published opinion, and every later edit of it, reaches everyone live. */
export function opinionHandlers(actor: Actor, member: () => { room: Room; peer: Peer }, opinions: OpinionService): OpinionRequests {
  return {
    'opinion:list': ({ caseId }) => opinions.list(actor, member().room.sessionId, caseId),
    'opinion:saveDraft': async (input) => {
      const { room } = member();
      const saved = await opinions.saveDraft(actor, room.sessionId, input);
      if (saved.published) room.broadcastAll('opinion:published', saved);
      return saved;
    },
    'opinion:publish': async ({ caseId }) => {
      const { room } = member();
      const published = await opinions.publish(actor, room.sessionId, caseId);
      room.broadcastAll('opinion:published', published);
      return published;
    },
  };
}
