import { can } from '../../shared/permissions';
import { authorize, type Actor } from '../domain/actor';
import type { CaseService } from '../domain/caseService';
import { AppError, forbidden, notFound } from '../domain/errors';
import type { LiveSession } from '../domain/liveSession';
import type { Peer } from '../media/peer';
import type { Room } from '../media/room';
import type { RequestHandlers } from './requestHandlers';

type FloorRequests = Pick<
  RequestHandlers,
  | 'hand:raise'
  | 'hand:lower'
  | 'chat:send'
  | 'agenda:goTo'
  | 'room:lock'
  | 'lobby:admit'
  | 'moderation:stopMedia'
  | 'moderation:remove'
  | 'viewer:open'
  | 'viewer:update'
  | 'viewer:close'
>;

/** Tells the coordinators in the room who is waiting in its lobby. */
export function announceWaiting(room: Room): void {
  room.signalWhere((peer) => can(peer.identity, 'room.moderate'), 'lobby:waiting', { waiting: room.floor.waitingList() });
}

/**
 * The floor of a live room: hands, chat, agenda, the door and moderation. Everyone may raise a
 * hand and chat; only coordinators move the agenda, lock the door, admit, mute or remove.
 * A request answered with the change tells only the others (see ServerToClientEvents).
 */
export function floorHandlers(
  actor: Actor,
  member: () => { room: Room; peer: Peer },
  { live, cases }: { live: LiveSession; cases: CaseService },
  now: () => Date = () => new Date(),
): FloorRequests {
  const moderating = () => {
    authorize(actor, 'room.moderate');
    return member();
  };
  const presenting = () => {
    authorize(actor, 'room.present');
    return member();
  };
  const announceHands = (room: Room) => room.broadcastAll('hand:queue', { hands: room.floor.handQueue() });

  return {
    'hand:raise': async ({ raised }) => {
      const { room, peer } = member();
      if (raised) room.floor.raiseHand(peer.id, peer.identity.displayName, now());
      else room.floor.lowerHand(peer.id);
      announceHands(room);
      return {};
    },
    'hand:lower': async ({ peerId }) => {
      const { room } = moderating();
      room.floor.lowerHand(peerId);
      announceHands(room);
      return {};
    },
    'chat:send': async ({ text }) => {
      const { room, peer } = member();
      const message = await live.say(actor, room.sessionId, text);
      room.floor.chat.said(message);
      room.broadcastExcept(peer.id, 'chat:message', message);
      return message;
    },
    'agenda:goTo': async ({ itemId }) => {
      const { room, peer } = moderating();
      const position = await live.goTo(room.sessionId, itemId);
      room.broadcastExcept(peer.id, 'agenda:current', position);
      return position;
    },
    'room:lock': async ({ locked }) => {
      const { room } = moderating();
      room.floor.locked = locked;
      room.broadcastAll('room:locked', { locked });
      return {};
    },
    'lobby:admit': async ({ userId }) => {
      const { room } = moderating();
      room.floor.admit(userId);
      announceWaiting(room);
      return {};
    },
    'moderation:stopMedia': async ({ peerId, source }) => {
      const { room } = moderating();
      const target = room.peer(peerId);
      // A muted microphone can be unmuted by its owner; a stopped camera or screen is closed.
      for (const producer of target.producerList.filter((candidate) => candidate.appData.source === source)) {
        if (source === 'microphone') room.announceProducerState(await target.pauseProducer(producer.id, true));
        else producer.close();
      }
      target.signal('moderation:stopped', { source });
      return {};
    },
    'viewer:open': async ({ caseId, attachmentId }) => {
      const { room, peer } = presenting();
      const shown = await cases.get(actor, caseId);
      if (shown.sessionId !== room.sessionId) throw new AppError('invalid_input', 'caseId: the case belongs to another session', 'caseId');
      const attachment = shown.attachments.find((candidate) => candidate.id === attachmentId);
      if (!attachment) throw notFound('file');
      room.floor.viewer = {
        caseId,
        attachmentId,
        filename: attachment.filename,
        contentType: attachment.contentType,
        page: 1,
        zoom: 100,
        // A DICOM image opens centred (its x, y are the point in the middle); a PDF at its top left.
        ...(attachment.contentType === 'application/dicom' ? { x: 0.5, y: 0.5 } : { x: 0, y: 0 }),
        window: null,
        presenterPeerId: peer.id,
      };
      room.broadcastExcept(peer.id, 'viewer:state', room.floor.viewer);
      return room.floor.viewer;
    },
    'viewer:update': async ({ page, zoom, x, y, window }) => {
      const { room, peer } = member();
      const viewer = room.floor.viewer;
      if (!viewer) throw new AppError('conflict', 'no file is being shown');
      if (viewer.presenterPeerId !== peer.id) throw forbidden('only the person showing the file moves it');
      room.floor.viewer = { ...viewer, page, zoom, x, y, window: window ?? viewer.window };
      room.broadcastAll('viewer:state', room.floor.viewer);
      return {};
    },
    'viewer:close': async () => {
      const { room, peer } = member();
      if (room.floor.viewer && room.floor.viewer.presenterPeerId !== peer.id && !can(actor, 'room.moderate')) {
        throw forbidden('only the person showing the file or the coordinator closes it');
      }
      room.floor.viewer = null;
      room.broadcastAll('viewer:state', null);
      return {};
    },
    'moderation:remove': async ({ peerId }) => {
      const { room } = moderating();
      const target = room.peer(peerId);
      room.floor.remove(target.identity.userId, peerId);
      target.signal('room:removed', { reason: 'the coordinator removed you from the room' });
      room.leave(peerId);
      return {};
    },
  };
}
