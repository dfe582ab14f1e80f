import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import { inviteGuestRequestSchema, type GuestDto, type GuestInvitationDto, type GuestKind, type InviteGuestRequest } from '../../shared/guests';
import { firstNameSchema } from '../../shared/workingGroup';
import { api } from '../services/api';
import { latestAnswer } from '../services/latestAnswer';

/** What an invitation must be before it is sent: a family member is named by first name only, as the server checks too. */
const familyInvitation = inviteGuestRequestSchema.extend({ name: firstNameSchema });
export const invitationSchemaFor = (kind: GuestKind) => (kind === 'family' ? familyInvitation : inviteGuestRequestSchema);

/**
 * A session's invited guests as its coordinator manages them, and the one link just made: the
 * server keeps only a link's hash, so the answer that made it is the only time it can be shown.
 */
export const useGuestsStore = defineStore('guests', () => {
  const sessionId = ref<string | null>(null);
  const guests = ref<GuestDto[]>([]);
  const invitation = ref<GuestInvitationDto | null>(null);
  const latest = latestAnswer();

  async function load(id: string): Promise<void> {
    if (sessionId.value !== id) {
      guests.value = [];
      invitation.value = null;
    }
    sessionId.value = id;
    const answer = await latest(api('GET /sessions/:id/guests', { params: { id } }));
    if (answer) guests.value = answer.guests;
  }

  /** Puts the server's copy of a guest in the list, in place (a new one first). */
  function keep(guest: GuestDto): void {
    const index = guests.value.findIndex((candidate) => candidate.id === guest.id);
    if (index === -1) guests.value.unshift(guest);
    else guests.value.splice(index, 1, guest);
  }

  async function invite(id: string, body: InviteGuestRequest): Promise<void> {
    invitation.value = await api('POST /sessions/:id/guests', { params: { id }, body });
    keep(invitation.value.guest);
  }

  async function revoke(guest: GuestDto): Promise<void> {
    keep((await api('POST /sessions/:id/guests/:guestId/revoke', { params: { id: guest.sessionId, guestId: guest.id } })).guest);
    if (invitation.value?.guest.id === guest.id) invitation.value = null;
  }

  async function renew(guest: GuestDto): Promise<void> {
    invitation.value = await api('POST /sessions/:id/guests/:guestId/link', { params: { id: guest.sessionId, guestId: guest.id } });
    keep(invitation.value.guest);
  }

  /** The link was copied or handed over: it leaves the screen for good. */
  function dismissLink(): void {
    invitation.value = null;
  }

  return { sessionId, guests, invitation, load, invite, revoke, renew, dismissLink };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useGuestsStore, import.meta.hot));
