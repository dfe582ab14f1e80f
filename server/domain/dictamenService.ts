import { mexicanStates } from '../../shared/mexico';
import type { Quorum, RecommendationDto } from '../../shared/opinions';
import type { sexes } from '../../shared/cases';
import type { Models } from '../db/models';
import type { Actor } from './actor';
import type { CaseService } from './caseService';
import { icdO3Text, stagingText } from './diagnosisText';
import { conflictBecause, notFound } from './errors';
import { storedQuorum, type RecommendationService } from './recommendationService';

/** What the one-page dictamen of a case says. */
export interface DictamenForExport {
  case: {
    caseCode: string;
    diagnosis: string;
    icd10Code: string;
    /** ICD-O-3 topography and morphology in words; blank when not coded. */
    icdO3: string;
    /** Staging and risk in words; blank when none is recorded. */
    staging: string;
    age: string;
    sex: string;
    state: string;
    question: string;
    presentingCenterName: string;
  };
  session: { number: number; title: string; startsAt: Date; timeZone: string };
  recommendation: { text: string; confirmedAt: Date; confirmedByName: string; quorum: Quorum | null };
  vote: { question: string; agree: number; dissent: number; abstain: number; dissenters: string[] } | null;
  generatedAt: Date;
}

const SEX_LABEL: Record<(typeof sexes)[number], string> = { female: 'Femenino', male: 'Masculino', undetermined: 'Sexo no determinado' };

function ageOf(years: number, months: number): string {
  const parts = [years ? `${years} ${years === 1 ? 'año' : 'años'}` : '', months ? `${months} ${months === 1 ? 'mes' : 'meses'}` : ''];
  return parts.filter(Boolean).join(' ') || 'menos de 1 mes';
}

/** Gathers a case's confirmed recommendation for the referring centre; only who may see the case may print it. */
export class DictamenService {
  constructor(
    private readonly models: Pick<Models, 'sessions' | 'recommendations' | 'votes' | 'centers' | 'users'>,
    private readonly cases: CaseService,
    private readonly recommendations: RecommendationService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The recommendation as the case page shows it; null until the coordinator proposes one. */
  async recommendation(actor: Actor, caseId: string): Promise<RecommendationDto | null> {
    const presented = await this.cases.get(actor, caseId);
    return this.recommendations.get(presented.sessionId, caseId);
  }

  async forCase(actor: Actor, caseId: string): Promise<DictamenForExport> {
    const presented = await this.cases.get(actor, caseId);
    const recommendation = await this.models.recommendations.findById(caseId).lean();
    if (!recommendation || recommendation.status !== 'confirmed' || !recommendation.confirmedAt) {
      throw conflictBecause('not_confirmed', 'the board has not confirmed a recommendation for this case yet');
    }
    const [session, center, confirmer, vote] = await Promise.all([
      this.models.sessions.findById(presented.sessionId).lean(),
      this.models.centers.findById(presented.centerId, { name: 1 }).lean(),
      this.models.users.findById(recommendation.confirmedBy, { name: 1 }).lean(),
      this.models.votes.findById(caseId).lean(),
    ]);
    if (!session) throw notFound('session');
    const count = (choice: string) => vote?.ballots.filter((ballot) => ballot.choice === choice).length ?? 0;
    return {
      case: {
        caseCode: presented.caseCode,
        diagnosis: presented.diagnosis,
        icd10Code: presented.icd10Code,
        icdO3: icdO3Text(presented),
        staging: stagingText(presented),
        age: ageOf(presented.ageYears, presented.ageMonths),
        sex: SEX_LABEL[presented.sex],
        state: mexicanStates[presented.state] ?? presented.state,
        question: presented.question,
        presentingCenterName: center?.name ?? '',
      },
      session: { number: session.number, title: session.title, startsAt: session.startsAt, timeZone: session.timeZone },
      recommendation: {
        text: recommendation.text,
        confirmedAt: recommendation.confirmedAt,
        confirmedByName: confirmer?.name ?? '',
        quorum: storedQuorum(recommendation),
      },
      vote: vote
        ? {
            question: vote.question,
            agree: count('agree'),
            dissent: count('dissent'),
            abstain: count('abstain'),
            dissenters: vote.ballots.filter((ballot) => ballot.choice === 'dissent').map((ballot) => ballot.name),
          }
        : null,
      generatedAt: this.now(),
    };
  }
}
