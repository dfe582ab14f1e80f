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
 * edit of it, each step of the recommendation and of a vote reach everyone live: the others by
 * broadcast, the one who asked by the ack (see ServerToClientEvents).
 */
export function opinionHandlers(
  actor: Actor,
  member: () => { room: Room; peer: Peer },
  { opinions, recommendations, votes }: { opinions: OpinionService; recommendations: RecommendationService; votes: VoteService },
): OpinionRequests {
  return {
    'opinion:list': ({ caseId }) => opinions.list(actor, member().room.sessionId, caseId),
    'opinion:saveDraft': async (input) => {
      const { room, peer } = member();
      const saved = await opinions.saveDraft(actor, room.sessionId, input);
      if (saved.published) room.broadcastExcept(peer.id, 'opinion:published', saved);
      return saved;
    },
    'opinion:publish': async ({ caseId }) => {
      const { room, peer } = member();
      const published = await opinions.publish(actor, room.sessionId, caseId);
      room.broadcastExcept(peer.id, 'opinion:published', published);
      return published;
    },
    'recommendation:get': ({ caseId }) => recommendations.get(member().room.sessionId, caseId),
    'recommendation:propose': async ({ caseId, text }) => {
      const { room, peer } = member();
      const proposed = await recommendations.propose(actor, room.sessionId, caseId, text);
      room.broadcastExcept(peer.id, 'recommendation:state', proposed);
      return proposed;
    },
    'recommendation:confirm': async ({ caseId, version, withoutQuorum }) => {
      const { room, peer } = member();
      const present = room.peerList().map((someone) => someone.identity);
      const confirmed = await recommendations.confirm(actor, room.sessionId, caseId, version, present, withoutQuorum);
      room.broadcastExcept(peer.id, 'recommendation:state', confirmed);
      return confirmed;
    },
    'vote:get': ({ caseId }) => votes.get(member().room.sessionId, caseId),
    'vote:open': async ({ caseId, question }) => {
      const { room, peer } = member();
      const opened = await votes.open(actor, room.sessionId, caseId, question);
      room.broadcastExcept(peer.id, 'vote:state', opened);
      return opened;
    },
    'vote:cast': async ({ caseId, choice }) => {
      const { room, peer } = member();
      // member() already proved the voter is in the room: only experts present vote.
      const cast = await votes.cast(actor, room.sessionId, caseId, choice);
      room.broadcastExcept(peer.id, 'vote:state', cast);
      return cast;
    },
    'vote:close': async ({ caseId }) => {
      const { room, peer } = member();
      const closed = await votes.close(actor, room.sessionId, caseId);
      room.broadcastExcept(peer.id, 'vote:state', closed);
      return closed;
    },
  };
}
