import type { Messages } from '../es-MX';
import { messages as attendance } from './attendance';
import { messages as coding } from './coding';
import { messages as dicom } from './dicom';
import { messages as followUp } from './followUp';
import { messages as guests } from './guests';
import { messages as main } from './main';
import { messages as notices } from './notices';
import { messages as pathway } from './pathway';
import { messages as studies } from './studies';
import { messages as viewer } from './viewer';
import { messages as workingGroup } from './workingGroup';

/** Every English message, fetched only when someone chooses English (see ../index.ts). */
export const en: Messages = { ...main, ...viewer, ...attendance, ...coding, ...dicom, ...pathway, ...studies, ...followUp, ...notices, ...workingGroup, ...guests };
