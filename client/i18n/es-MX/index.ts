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

/** Every Spanish (Mexico) message: the main ones, and each feature's beside them. */
export const esMX = { ...main, ...viewer, ...attendance, ...coding, ...dicom, ...pathway, ...studies, ...followUp, ...notices, ...workingGroup, ...guests };

/** The shape every language's messages take. */
export type Messages = typeof esMX;
