import { CHAT_HISTORY, type RaisedHand, type SharedViewer, type WaitingPerson } from '../../shared/floor';
import { RoomChat } from './roomChat';

/**
 * Who may speak and who may come in, for one live room: the raised-hand queue in order, the
 * door (locked or open), the lobby of people waiting to be admitted, and those removed; and the
 * chat's latest lines as entering pages are shown them. State only; the realtime layer tells
 * people about changes.
 */
export class RoomFloor {
  private readonly hands = new Map<string, RaisedHand>();
  private readonly waiting = new Map<string, { person: WaitingPerson; admit: () => void }>();
  private readonly admitted = new Set<string>();
  private readonly removed = new Set<string>();
  locked = false;
  activeSpeakerPeerId: string | null = null;
  viewer: SharedViewer | null = null;
  readonly chat = new RoomChat(CHAT_HISTORY);

  raiseHand(peerId: string, displayName: string, at: Date): void {
    if (!this.hands.has(peerId)) this.hands.set(peerId, { peerId, displayName, raisedAt: at.toISOString() });
  }

  lowerHand(peerId: string): boolean {
    return this.hands.delete(peerId);
  }

  /** Hands in the order they went up: first raised, first given the floor. */
  handQueue(): RaisedHand[] {
    return [...this.hands.values()].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  }

  /**
   * Whether this person may enter now, must wait in the lobby, or was removed by a coordinator. An
   * invited guest (`alwaysWaits`) waits to be admitted even when the door is open; once admitted,
   * anyone comes back (a reconnection) without waiting again.
   */
  entry(userId: string, moderator: boolean, alwaysWaits = false): 'enter' | 'wait' | 'removed' {
    if (moderator) return 'enter';
    if (this.removed.has(userId)) return 'removed';
    return (!this.locked && !alwaysWaits) || this.admitted.has(userId) ? 'enter' : 'wait';
  }

  wait(person: WaitingPerson, admit: () => void): void {
    this.waiting.set(person.userId, { person, admit });
  }

  stopWaiting(userId: string): boolean {
    return this.waiting.delete(userId);
  }

  waitingList(): WaitingPerson[] {
    return [...this.waiting.values()].map((entry) => entry.person);
  }

  /** Lets one waiting person in; false when nobody by that account is waiting. */
  admit(userId: string): boolean {
    const entry = this.waiting.get(userId);
    if (!entry) return false;
    this.waiting.delete(userId);
    this.admitted.add(userId);
    entry.admit();
    return true;
  }

  /** Keeps a removed account out of this room until the room closes. */
  remove(userId: string, peerId: string): void {
    this.removed.add(userId);
    this.admitted.delete(userId);
    this.hands.delete(peerId);
  }

  /** The file a peer shows passes to the new page of the same person; true when it did. */
  handOverViewer(fromPeerId: string, toPeerId: string): boolean {
    if (this.viewer?.presenterPeerId !== fromPeerId) return false;
    this.viewer = { ...this.viewer, presenterPeerId: toPeerId };
    return true;
  }

  /** Forgets what a leaving peer held; true when the shared viewer closed with them. */
  forgetPeer(peerId: string): boolean {
    this.hands.delete(peerId);
    if (this.activeSpeakerPeerId === peerId) this.activeSpeakerPeerId = null;
    if (this.viewer?.presenterPeerId !== peerId) return false;
    this.viewer = null;
    return true;
  }
}
