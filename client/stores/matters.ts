import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { z } from 'zod';
import type { AgreementDto } from '../../shared/agreements';
import type { SessionNews } from '../../shared/events';
import type { SessionDto } from '../../shared/sessions';
import type { createMatterRequestSchema, MatterDto, updateMatterRequestSchema } from '../../shared/workingGroup';
import { api } from '../services/api';
import { latestAnswer } from '../services/latestAnswer';
import { followSessionNews } from '../services/sessionNews';
import { appSocket, subscribe, type AppClientSocket } from '../services/socket';

export type MatterInput = z.input<typeof createMatterRequestSchema>;
export type MatterChanges = z.input<typeof updateMatterRequestSchema>;

/**
 * A working-group meeting's matters, the open ones of earlier meetings it follows up, and the
 * agreements of both. They are read again as the server tells of changes (the session's news
 * `matters` and `agreements`; in the room also each agreement written), so everyone sees a matter
 * and its agreements as the coordinator records them.
 */
export const useMattersStore = defineStore('matters', () => {
  const meeting = ref<Pick<SessionDto, 'id' | 'startsAt'> | null>(null);
  /** This meeting's, in the order raised. */
  const matters = ref<MatterDto[]>([]);
  /** Still open, of meetings held before this one: followed up here. */
  const earlier = ref<MatterDto[]>([]);
  /** The agreements answering any of them: this meeting's, and the open ones of earlier meetings. */
  const agreements = ref<AgreementDto[]>([]);
  /** This meeting's agreements that answer no matter (the next meeting's date, a visit agreed by all). */
  const others = ref<AgreementDto[]>([]);
  const loaded = ref(false);
  /** An invited guest reads this meeting's matters only. */
  let followsUp = true;
  let stopListening: (() => void) | null = null;
  const latest = latestAnswer();

  const agreementsByMatter = computed(() => {
    const byMatter = new Map<string, AgreementDto[]>();
    for (const agreement of agreements.value) if (agreement.matterId) byMatter.set(agreement.matterId, [...(byMatter.get(agreement.matterId) ?? []), agreement]);
    return byMatter;
  });
  const agreementsOf = (matter: MatterDto) => agreementsByMatter.value.get(matter.id) ?? [];

  /**
   * Shows the meeting's matters and follows their news until close(); `live` in the room, where
   * agreements are also told one by one. Rejects when they cannot be read.
   */
  async function open(session: SessionDto, options: { followUp: boolean; live?: boolean }, socket: AppClientSocket = appSocket()): Promise<void> {
    close();
    if (meeting.value?.id !== session.id) {
      matters.value = [];
      earlier.value = [];
      agreements.value = [];
      others.value = [];
      loaded.value = false;
    }
    meeting.value = { id: session.id, startsAt: session.startsAt };
    followsUp = options.followUp;
    const stops = [followSessionNews(socket, { changed: hear, withdrawn: () => undefined, missed: () => void refresh() })];
    if (options.live) stops.push(subscribe(socket, 'agreement:changed', () => void refresh()));
    stopListening = () => stops.forEach((stop) => stop());
    await load();
  }

  function close(): void {
    stopListening?.();
    stopListening = null;
  }

  async function load(): Promise<void> {
    const shown = meeting.value;
    if (!shown) return;
    const params = { id: shown.id };
    const answer = await latest(
      Promise.all([
        api('GET /sessions/:id/matters', { params }),
        api('GET /sessions/:id/agreements', { params }),
        followsUp ? api('GET /matters', { query: { status: 'open' } }) : null,
        followsUp ? api('GET /sessions/:id/agreements/follow-up', { params }) : null,
      ]),
    );
    if (!answer || meeting.value?.id !== shown.id) return;
    const [own, ownAgreements, open, followUps] = answer;
    matters.value = own.matters;
    earlier.value = (open?.matters ?? []).filter((matter) => matter.sessionId !== shown.id && matter.createdAt < shown.startsAt);
    agreements.value = [...ownAgreements.agreements, ...(followUps?.agreements ?? [])].filter((agreement) => agreement.matterId);
    others.value = ownAgreements.agreements.filter((agreement) => !agreement.matterId);
    loaded.value = true;
  }

  /** Reads them all again without blanking them; a failure leaves what is shown. */
  async function refresh(): Promise<void> {
    await load().catch(() => undefined);
  }

  function hear(news: SessionNews): void {
    const shown = meeting.value;
    if (!shown || (news.change !== 'matters' && news.change !== 'agreements')) return;
    if (news.session.id === shown.id || (followsUp && news.session.startsAt < shown.startsAt)) void refresh();
  }

  /** Records a matter raised at this meeting; a refusal is passed on, and nothing shown changes. */
  async function record(input: MatterInput): Promise<MatterDto> {
    const shown = meeting.value;
    if (!shown) throw new Error('no meeting open');
    const { matter } = await api('POST /sessions/:id/matters', { params: { id: shown.id }, body: input });
    if (meeting.value?.id === shown.id && !matters.value.some((listed) => listed.id === matter.id)) matters.value = [...matters.value, matter];
    return matter;
  }

  /** Corrects a matter as the coordinator saw it (`changes.version`); a refusal is passed on, and nothing shown changes. */
  async function correct(matter: MatterDto, changes: MatterChanges): Promise<MatterDto> {
    const { matter: corrected } = await api('PATCH /matters/:id', { params: { id: matter.id }, body: changes });
    const replace = (list: MatterDto[]) => list.map((listed) => (listed.id === corrected.id ? corrected : listed));
    matters.value = replace(matters.value);
    earlier.value = replace(earlier.value);
    return corrected;
  }

  return { meeting, matters, earlier, agreements, others, loaded, agreementsOf, open, close, refresh, record, correct };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMattersStore, import.meta.hot));
