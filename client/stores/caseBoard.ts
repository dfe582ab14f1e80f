import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { OpinionDto, RecommendationDto } from '../../shared/opinions';
import type { VoteChoice, VoteDto } from '../../shared/votes';
import { followedSocket } from '../services/followedSocket';
import { appSocket, subscribe, type AppClientSocket } from '../services/socket';

/** What an expert writes of their opinion; the case is the one on the board. */
export type OpinionDraft = Pick<OpinionDto, 'category' | 'stance' | 'text'>;

/**
 * The board's work on one case of the room at a time: the published opinions, the signed-in
 * expert's own, the vote and the recommendation. What this person changes comes back in the
 * answer to their request; the others' changes, as notifications. Anything about another case
 * (a late answer, a notification) is dropped.
 */
export const useCaseBoardStore = defineStore('caseBoard', () => {
  const caseId = ref<string | null>(null);
  const opinions = ref<OpinionDto[]>([]);
  const mine = ref<OpinionDto | null>(null);
  const vote = ref<VoteDto | null>(null);
  const recommendation = ref<RecommendationDto | null>(null);
  const socket = followedSocket();
  const ask = socket.ask;

  const onBoard = (about: { caseId: string }) => about.caseId === caseId.value;

  /** Listens for the others' opinions, votes and recommendations on `target`. */
  function follow(target: AppClientSocket = appSocket()): void {
    unfollow();
    socket.follow(target, (on) => [
      subscribe(on, 'opinion:published', showOpinion),
      subscribe(on, 'vote:state', showVote),
      subscribe(on, 'recommendation:state', showRecommendation),
    ]);
  }

  function unfollow(): void {
    socket.unfollow();
    caseId.value = null;
    clearCase();
  }

  /** Puts a case on the board; what was shown of the previous one goes until its own is loaded. */
  function show(next: string): void {
    if (next === caseId.value) return;
    caseId.value = next;
    clearCase();
  }

  function clearCase(): void {
    opinions.value = [];
    mine.value = null;
    vote.value = null;
    recommendation.value = null;
  }

  function showOpinion(opinion: OpinionDto): void {
    if (onBoard(opinion)) opinions.value = [...opinions.value.filter((existing) => existing.id !== opinion.id), opinion];
  }

  function showVote(state: VoteDto): void {
    if (onBoard(state)) vote.value = state;
  }

  function showRecommendation(state: RecommendationDto): void {
    if (onBoard(state)) recommendation.value = state;
  }

  /** The expert's own opinion as saved; once published, it is among everyone's. */
  function keepMine(opinion: OpinionDto): void {
    if (!onBoard(opinion)) return;
    mine.value = opinion;
    if (opinion.published) showOpinion(opinion);
  }

  function boardCase(): string {
    if (!caseId.value) throw new Error('no case on the board');
    return caseId.value;
  }

  /** Asks about the case on the board; false, with the answer dropped, when another case was put up meanwhile. */
  async function load<T>(asking: (caseId: string) => Promise<T>, apply: (answer: T) => void): Promise<boolean> {
    const asked = boardCase();
    const answer = await asking(asked);
    if (asked !== caseId.value) return false;
    apply(answer);
    return true;
  }

  const loadOpinions = () =>
    load(
      (id) => ask('opinion:list', { caseId: id }),
      (answer) => {
        opinions.value = answer.opinions;
        mine.value = answer.mine;
      },
    );
  const loadVote = () =>
    load(
      (id) => ask('vote:get', { caseId: id }),
      (state) => (vote.value = state),
    );
  const loadRecommendation = () =>
    load(
      (id) => ask('recommendation:get', { caseId: id }),
      (state) => (recommendation.value = state),
    );

  async function saveDraft(draft: OpinionDraft): Promise<void> {
    keepMine(await ask('opinion:saveDraft', { caseId: boardCase(), ...draft }));
  }

  async function publish(): Promise<void> {
    keepMine(await ask('opinion:publish', { caseId: boardCase() }));
  }

  async function openVote(question: string): Promise<void> {
    showVote(await ask('vote:open', { caseId: boardCase(), question }));
  }

  async function castVote(choice: VoteChoice): Promise<void> {
    showVote(await ask('vote:cast', { caseId: boardCase(), choice }));
  }

  async function closeVote(): Promise<void> {
    showVote(await ask('vote:close', { caseId: boardCase() }));
  }

  async function propose(text: string): Promise<void> {
    showRecommendation(await ask('recommendation:propose', { caseId: boardCase(), text }));
  }

  /** Confirms the recommendation as shown (its version), knowingly without quorum if so. */
  async function confirm(withoutQuorum: boolean): Promise<void> {
    const shown = recommendation.value;
    if (!shown) return;
    showRecommendation(await ask('recommendation:confirm', { caseId: shown.caseId, version: shown.version, withoutQuorum }));
  }

  return {
    caseId,
    opinions,
    mine,
    vote,
    recommendation,
    follow,
    unfollow,
    show,
    loadOpinions,
    loadVote,
    loadRecommendation,
    saveDraft,
    publish,
    openVote,
    castVote,
    closeVote,
    propose,
    confirm,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCaseBoardStore, import.meta.hot));
