import type { Actor } from '../domain/actor';
import type { OpinionService } from '../domain/opinionService';
import type { RecommendationService } from '../domain/recommendationService';
import type { VoteService } from '../domain/voteService';
import type { Peer } from '../media/peer';
import type { Room } from '../media/room';
import type { RequestHandlers } from './requestHandlers';

type OpinionRequests = Pick<
  RequestHandlers,
  | 'opinion:list'
  | 'opinion:saveDraft'
  | 'opinion:publish'
  | 'recommendation:get'
  | 'recommendation:propose'
  | 'recommendation:confirm'
  | 'vote:get'
  | 'vote:open'
  | 'vote:cast'
  | 'vote:close'
>;

/**
 * Opinions and the board's recommendation on the room's cases; a published opinion, every later
 * edit of it, and each step of the recommendation reach everyone live.
 */
export function opinionHandlers(
  actor: Actor,
  member: () => { room: Room; peer: Peer },
  { opinions, recommendations, votes }: { opinions: OpinionService; recommendations: RecommendationService; votes: VoteService },
): OpinionRequests {
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
    'recommendation:get': ({ caseId }) => recommendations.get(member().room.sessionId, caseId),
    'recommendation:propose': async ({ caseId, text }) => {
      const { room } = member();
      const proposed = await recommendations.propose(actor, room.sessionId, caseId, text);
      room.broadcastAll('recommendation:state', proposed);
      return proposed;
    },
    'recommendation:confirm': async ({ caseId, version, withoutQuorum }) => {
      const { room } = member();
      const present = room.peerList().map((peer) => peer.identity);
      const confirmed = await recommendations.confirm(actor, room.sessionId, caseId, version, present, withoutQuorum);
      room.broadcastAll('recommendation:state', confirmed);
      return confirmed;
    },
    'vote:get': ({ caseId }) => votes.get(member().room.sessionId, caseId),
    'vote:open': async ({ caseId, question }) => {
      const { room } = member();
      const opened = await votes.open(actor, room.sessionId, caseId, question);
      room.broadcastAll('vote:state', opened);
      return opened;
    },
    'vote:cast': async ({ caseId, choice }) => {
      const { room } = member();
      // member() already proved the voter is in the room: only experts present vote.
      const cast = await votes.cast(actor, room.sessionId, caseId, choice);
      room.broadcastAll('vote:state', cast);
      return cast;
    },
    'vote:close': async ({ caseId }) => {
      const { room } = member();
      const closed = await votes.close(actor, room.sessionId, caseId);
      room.broadcastAll('vote:state', closed);
      return closed;
    },
  };
}
