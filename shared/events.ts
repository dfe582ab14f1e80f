import type { z } from 'zod';
import type { AckResult } from './ack';
import type { SessionDto } from './sessions';
import type { AgreementDto } from './agreements';
import type { InAppNoticeDto } from './notices';
import { castVoteRequestSchema, caseVoteRequestSchema, openVoteRequestSchema, type VoteDto } from './votes';
import {
  caseOpinionsRequestSchema,
  confirmRecommendationRequestSchema,
  proposeRecommendationRequestSchema,
  type RecommendationDto,
  publishOpinionRequestSchema,
  saveOpinionDraftRequestSchema,
  type CaseOpinions,
  type OpinionDto,
} from './opinions';
import {
  admitRequestSchema,
  agendaGoToRequestSchema,
  chatSendRequestSchema,
  lockRoomRequestSchema,
  lowerHandRequestSchema,
  raiseHandRequestSchema,
  removePeerRequestSchema,
  stopMediaRequestSchema,
  viewerOpenRequestSchema,
  viewerUpdateRequestSchema,
  type AgendaPosition,
  type ChatMessageDto,
  type RaisedHand,
  type SharedViewer,
  type WaitingPerson,
} from './floor';
import { emptyRequestSchema, joinRoomRequestSchema, resumeRoomRequestSchema } from './room';
import {
  closeProducerRequestSchema,
  closeTransportRequestSchema,
  connectTransportRequestSchema,
  consumeRequestSchema,
  createTransportRequestSchema,
  consumerLayersRequestSchema,
  pauseConsumerRequestSchema,
  pauseProducerRequestSchema,
  produceRequestSchema,
  restartIceRequestSchema,
  resumeConsumersRequestSchema,
  type ConsumerOptions,
  type JoinedRoom,
  type MediaCapabilities,
  type ProbeStarted,
  type JoinRoomResponse,
  type PeerInfo,
  type ProducerAdded,
  type ProducerState,
  type TransportOptions,
} from './media';

/** Why the server closed a socket's account: it signed out (or was deactivated), or its rights changed. */
export type AccountEndReason = 'signed_out' | 'changed';

/** Every client→server request: its payload schema (validated by the server) … */
export const requestSchemas = {
  'room:join': joinRoomRequestSchema,
  'room:leave': emptyRequestSchema,
  'room:resume': resumeRoomRequestSchema,
  'media:capabilities': emptyRequestSchema,
  'probe:start': emptyRequestSchema,
  'probe:stop': emptyRequestSchema,
  'media:createTransport': createTransportRequestSchema,
  'media:connectTransport': connectTransportRequestSchema,
  'media:restartIce': restartIceRequestSchema,
  'media:closeTransport': closeTransportRequestSchema,
  'media:produce': produceRequestSchema,
  'media:closeProducer': closeProducerRequestSchema,
  'media:pauseProducer': pauseProducerRequestSchema,
  'media:consume': consumeRequestSchema,
  'media:resumeConsumers': resumeConsumersRequestSchema,
  'media:pauseConsumer': pauseConsumerRequestSchema,
  'media:setConsumerLayers': consumerLayersRequestSchema,
  'hand:raise': raiseHandRequestSchema,
  'hand:lower': lowerHandRequestSchema,
  'chat:send': chatSendRequestSchema,
  'agenda:goTo': agendaGoToRequestSchema,
  'room:lock': lockRoomRequestSchema,
  'lobby:admit': admitRequestSchema,
  'moderation:stopMedia': stopMediaRequestSchema,
  'moderation:remove': removePeerRequestSchema,
  'viewer:open': viewerOpenRequestSchema,
  'viewer:update': viewerUpdateRequestSchema,
  'viewer:close': emptyRequestSchema,
  'opinion:list': caseOpinionsRequestSchema,
  'opinion:saveDraft': saveOpinionDraftRequestSchema,
  'opinion:publish': publishOpinionRequestSchema,
  'recommendation:get': caseOpinionsRequestSchema,
  'recommendation:propose': proposeRecommendationRequestSchema,
  'recommendation:confirm': confirmRecommendationRequestSchema,
  'vote:get': caseVoteRequestSchema,
  'vote:open': openVoteRequestSchema,
  'vote:cast': castVoteRequestSchema,
  'vote:close': caseVoteRequestSchema,
} as const;

/** … and the data its successful ack carries. */
export interface ResponseData {
  'room:join': JoinRoomResponse;
  'room:leave': Record<string, never>;
  'room:resume': JoinedRoom;
  'media:capabilities': MediaCapabilities;
  'probe:start': ProbeStarted;
  'probe:stop': Record<string, never>;
  'media:createTransport': TransportOptions;
  'media:connectTransport': Record<string, never>;
  'media:restartIce': { iceParameters: TransportOptions['iceParameters'] };
  'media:closeTransport': Record<string, never>;
  'media:produce': { producerId: string };
  'media:closeProducer': Record<string, never>;
  'media:pauseProducer': Record<string, never>;
  'media:consume': ConsumerOptions;
  /** The ones the server no longer has (their sender left or stopped meanwhile). */
  'media:resumeConsumers': { missing: string[] };
  'media:pauseConsumer': Record<string, never>;
  'media:setConsumerLayers': Record<string, never>;
  'hand:raise': Record<string, never>;
  'hand:lower': Record<string, never>;
  'chat:send': ChatMessageDto;
  'agenda:goTo': AgendaPosition;
  'room:lock': Record<string, never>;
  'lobby:admit': Record<string, never>;
  'moderation:stopMedia': Record<string, never>;
  'moderation:remove': Record<string, never>;
  'viewer:open': SharedViewer;
  'viewer:update': Record<string, never>;
  'viewer:close': Record<string, never>;
  'opinion:list': CaseOpinions;
  'opinion:saveDraft': OpinionDto;
  'opinion:publish': OpinionDto;
  'recommendation:get': RecommendationDto | null;
  'recommendation:propose': RecommendationDto;
  'recommendation:confirm': RecommendationDto;
  'vote:get': VoteDto | null;
  'vote:open': VoteDto;
  'vote:cast': VoteDto;
  'vote:close': VoteDto;
}

export type RequestName = keyof typeof requestSchemas;

/**
 * What an invited guest's socket may ask: entering and leaving the room, its media (a guest
 * speaker's screen too), hands and chat. Every other request is refused to a guest, as a REST route
 * not flagged `guest` is, so a request added later is closed to guests until it is listed here.
 */
export const guestRequests: ReadonlySet<RequestName> = new Set<RequestName>([
  'room:join',
  'room:leave',
  'room:resume',
  'media:capabilities',
  'probe:start',
  'probe:stop',
  'media:createTransport',
  'media:connectTransport',
  'media:restartIce',
  'media:closeTransport',
  'media:produce',
  'media:closeProducer',
  'media:pauseProducer',
  'media:consume',
  'media:resumeConsumers',
  'media:pauseConsumer',
  'media:setConsumerLayers',
  'hand:raise',
  'hand:lower',
  'chat:send',
]);
export type RequestPayload<E extends RequestName> = z.input<(typeof requestSchemas)[E]>;
export type ParsedRequest<E extends RequestName> = z.output<(typeof requestSchemas)[E]>;

export type ClientToServerEvents = {
  [E in RequestName]: (payload: RequestPayload<E>, ack: (result: AckResult<ResponseData[E]>) => void) => void;
};

/**
 * What changed in a session, as told to everyone who may see it. `invited` goes instead of the
 * change to a centre the change added; `cases` and `agreements` say only that those lists changed:
 * each page asks for them again, under its reader's own rights.
 */
export const sessionChanges = ['scheduled', 'invited', 'rescheduled', 'agenda', 'cancelled', 'opened', 'ended', 'minutes_approved', 'cases', 'agreements', 'matters'] as const;
export type SessionChange = (typeof sessionChanges)[number];

export interface SessionNews {
  session: SessionDto;
  change: SessionChange;
  /** Who made the change (null: the system), so nobody is told of their own doing. */
  byUserId: string | null;
}

/** Told to a centre that a change took out of a session: it no longer sees the session. */
export interface SessionWithdrawn {
  sessionId: string;
  number: number;
  byUserId: string | null;
}

/** Why a room closed on the people in it: a code, so each client says it in its own language. */
export type RoomCloseReason = 'ended' | 'media_restarted' | 'shutdown';

/**
 * Server→client notifications. A change reaches each screen once: the client whose request made it
 * has it in the ack and is left out of the broadcast; the others hear it here. News no ack carries
 * (an agreement written over REST, the hand queue, the lock) goes to everyone in the room.
 */
export interface ServerToClientEvents {
  'room:peerJoined': (peer: PeerInfo) => void;
  'room:peerLeft': (event: { peerId: string }) => void;
  /** A participant's link dropped (they stay, frozen, for a while) or came back. */
  'room:peerConnection': (event: { peerId: string; connected: boolean }) => void;
  'room:producerAdded': (producer: ProducerAdded) => void;
  'room:producerState': (producer: ProducerState) => void;
  'room:closed': (event: { reason: RoomCloseReason }) => void;
  'media:consumerClosed': (event: { consumerId: string }) => void;
  /** To a camera's sender: the highest simulcast layer anyone receives (null: nobody), the layers to encode. */
  'media:producerDemand': (event: { producerId: string; spatialLayer: number | null }) => void;
  'room:activeSpeaker': (event: { peerId: string | null }) => void;
  'room:locked': (event: { locked: boolean }) => void;
  'room:removed': (event: { reason: string }) => void;
  'lobby:waiting': (event: { waiting: WaitingPerson[] }) => void;
  'lobby:admitted': (event: { sessionId: string }) => void;
  'hand:queue': (event: { hands: RaisedHand[] }) => void;
  'chat:message': (message: ChatMessageDto) => void;
  'agenda:current': (position: AgendaPosition) => void;
  'opinion:published': (opinion: OpinionDto) => void;
  'recommendation:state': (recommendation: RecommendationDto) => void;
  'vote:state': (vote: VoteDto) => void;
  'agreement:changed': (agreement: AgreementDto) => void;
  'viewer:state': (viewer: SharedViewer | null) => void;
  'moderation:stopped': (event: { source: 'microphone' | 'camera' | 'screen' }) => void;
  /** To the staff and the session's centres, in a room or not; see SessionNews. */
  'session:changed': (news: SessionNews) => void;
  'session:withdrawn': (event: SessionWithdrawn) => void;
  /** The account behind the socket signed out, was deactivated, or had its roles or centre changed: the server closes the socket. */
  'account:ended': (event: { reason: AccountEndReason }) => void;
  /** A new in-app notice for the signed-in person (the home page's list and the header's count). */
  'notice:new': (notice: InAppNoticeDto) => void;
}
