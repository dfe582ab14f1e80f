import { z } from 'zod';
import type { RtpCapabilities, RtpParameters, IceParameters, IceCandidate, DtlsParameters } from 'mediasoup-client/types';
import type { FloorState } from './floor';
import type { Role } from './roles';

/**
 * Schemas for the WebRTC signalling payloads. They check the structure the server relies on;
 * mediasoup itself then checks the codec-level details and its errors become `media_error` acks.
 */
const id = z.string().min(1).max(64);
const codecParameters = z.record(z.string(), z.unknown());

const rtcpFeedbackSchema = z.looseObject({ type: z.string(), parameter: z.string().optional() });

const rtpCodecCapabilitySchema = z.looseObject({
  kind: z.enum(['audio', 'video']),
  mimeType: z.string().regex(/^(audio|video)\/[\w.-]+$/),
  clockRate: z.number().int().positive(),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  channels: z.number().int().positive().optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedbackSchema).optional(),
});

const headerExtensionCapabilitySchema = z.looseObject({
  kind: z.enum(['audio', 'video']),
  uri: z.string(),
  preferredId: z.number().int(),
});

export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(rtpCodecCapabilitySchema).max(64).optional(),
  headerExtensions: z.array(headerExtensionCapabilitySchema).max(64).optional(),
});

const rtpCodecParametersSchema = z.looseObject({
  mimeType: z.string().regex(/^(audio|video)\/[\w.-]+$/),
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedbackSchema).optional(),
});

export const rtpParametersSchema = z.looseObject({
  mid: z.string().optional(),
  codecs: z.array(rtpCodecParametersSchema).min(1).max(32),
  headerExtensions: z
    .array(z.looseObject({ uri: z.string(), id: z.number().int() }))
    .max(32)
    .optional(),
  encodings: z
    .array(z.looseObject({ ssrc: z.number().int().optional(), rid: z.string().optional() }))
    .max(8)
    .optional(),
  rtcp: z.looseObject({ cname: z.string().optional() }).optional(),
});

export const dtlsParametersSchema = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']), value: z.string().max(200) }))
    .min(1)
    .max(8),
});

export const mediaSourceSchema = z.enum(['camera', 'microphone', 'screen']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;
export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

export const createTransportRequestSchema = z.object({ direction: z.enum(['send', 'recv']) });
export const connectTransportRequestSchema = z.object({ transportId: id, dtlsParameters: dtlsParametersSchema });
export const produceRequestSchema = z.object({
  transportId: id,
  kind: mediaKindSchema,
  rtpParameters: rtpParametersSchema,
  source: mediaSourceSchema,
});
export const closeProducerRequestSchema = z.object({ producerId: id });
export const consumeRequestSchema = z.object({
  transportId: id,
  producerId: id,
  rtpCapabilities: rtpCapabilitiesSchema,
});
/**
 * The consumers a page has made ready, resumed in one request: entering a room of 50 receives 49
 * microphones at once. Past the cap the page sends several.
 */
export const MAX_RESUMED_AT_ONCE = 500;
export const resumeConsumersRequestSchema = z.object({ consumerIds: z.array(id).min(1).max(MAX_RESUMED_AT_ONCE) });
export const restartIceRequestSchema = z.object({ transportId: id });
/** A send transport the page replaces: closing it ends what it sent, for everyone. */
export const closeTransportRequestSchema = z.object({ transportId: id });
/** A tile off screen stops its video; a small one asks for a lower simulcast layer. */
export const pauseConsumerRequestSchema = z.object({ consumerId: id, paused: z.boolean() });
export const consumerLayersRequestSchema = z.object({ consumerId: id, spatialLayer: z.number().int().min(0).max(2) });

/** What the server sends back; built by the server from mediasoup objects, so typed, not parsed. */
export interface TransportOptions {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export interface ConsumerOptions {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  /** Made paused (video, so that no keyframe is lost): the page resumes it once it can play it. Audio flows at once. */
  paused: boolean;
}

export interface ProducerInfo {
  producerId: string;
  peerId: string;
  kind: MediaKind;
  source: MediaSource;
}

export const pauseProducerRequestSchema = z.object({ producerId: id, paused: z.boolean() });

export interface ProducerState extends ProducerInfo {
  paused: boolean;
}

/**
 * A producer someone started, as each of the others hears of it: with the consumer the server
 * made for that page (as at the join: video paused until the page shows it, audio flowing) when
 * the page entered with its receiving known, so that a new microphone in a room of 50 is not 49
 * requests for it. Without one the page asks.
 */
export interface ProducerAdded extends ProducerState {
  consumer?: ConsumerOptions;
}

/** A participant as the others see them: who, from which centre, in which role, sending what. */
export interface PeerInfo {
  peerId: string;
  userId: string;
  displayName: string;
  centerId: string;
  roles: Role[];
  specialty: string;
  producers: ProducerState[];
  /** Their link dropped: they are still in the room, frozen, while their page comes back. */
  interrupted: boolean;
}

/** The TURN servers a page may relay its media through, and whether it must. */
export interface IceSettings {
  iceServers: { urls: string[]; username: string; credential: string }[];
  iceTransportPolicy: 'all' | 'relay';
}

export interface JoinedRoom {
  status: 'joined';
  peerId: string;
  /** Kept by the page alone: with it, its next socket takes this peer back after a dropped link. */
  resumeToken: string;
  ice: IceSettings;
  peers: PeerInfo[];
  session: { id: string; number: number; title: string };
  floor: FloorState;
}

/** What every room's router offers: a page loads its media device with it before entering any room. */
export interface MediaCapabilities {
  routerRtpCapabilities: RtpCapabilities;
}

/** The lobby's connection test: a room of its own on the media server, reached as a session's is. */
export interface ProbeStarted {
  ice: IceSettings;
}

/** A page's transports and the consumers of what was already sent in the room, made as it entered. */
export interface EnteredMedia {
  transports: { recv: TransportOptions; send: TransportOptions | null };
  consumers: ConsumerOptions[];
}

/** A locked room answers a join with a place in its lobby until a coordinator admits the person. */
export type JoinRoomResponse = (JoinedRoom & { media?: EnteredMedia }) | { status: 'waiting' };
