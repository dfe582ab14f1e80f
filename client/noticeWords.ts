import type { InAppNoticeDto } from '../shared/notices';
import { formatDate, formatDateTime } from './format';
import { i18n } from './i18n';

const t = i18n.global.t;

const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));

/** "6 horas", "2 días": how late, in the clock's unit. */
const lateWords = (params: InAppNoticeDto['params']) => t(params.unit === 'hours' ? 'inbox.late.hours' : 'inbox.late.days', Number(params.late));

/** What a study is called: its type, or what the sender wrote of an "other" one. */
const studyName = (params: InAppNoticeDto['params']) => t(`studies.types.${text(params.studyType)}`).toLocaleLowerCase(i18n.global.locale.value);

/** One notice as a sentence in the reader's language, from its kind and the values the server kept with it. */
export function noticeSentence(notice: Pick<InAppNoticeDto, 'kind' | 'params'>): string {
  const { params } = notice;
  switch (notice.kind) {
    case 'session_invitation':
    case 'session_change': {
      const when = params.startsAt ? formatDateTime(text(params.startsAt), text(params.timeZone) || undefined) : '';
      const change = text(params.change) || (notice.kind === 'session_invitation' ? 'invitation' : 'change');
      return t(`inbox.says.${change}`, { number: text(params.number), title: text(params.title), when });
    }
    case 'guest_invitation':
      return t('inbox.says.guest_invitation', { number: text(params.number), title: text(params.title) });
    case 'agreement_due':
    case 'agreement_overdue':
      return t(`inbox.says.${notice.kind}`, { sessionNumber: text(params.sessionNumber), due: params.dueDate ? formatDate(text(params.dueDate)) : '', text: text(params.text) });
    case 'commitment_late':
      return t(`inbox.says.${text(params.about)}`, { caseCode: text(params.caseCode), study: params.studyType ? studyName(params) : '', late: lateWords(params) });
  }
}
