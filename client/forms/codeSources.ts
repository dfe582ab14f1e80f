import { findIcd10, searchIcd10 } from '../../shared/icd10';
import { morphologyName, searchMorphology } from '../../shared/icdO3Morphology';
import { findTopography, searchTopography } from '../../shared/icdO3Topography';

/** One line of a code picker's list: the value it sets, and the code and name it shows. */
export interface CodeOption {
  value: string;
  code: string;
  name: string;
}

/** A coded vocabulary as a picker uses it: its best matches, and the text that shows a chosen value. */
export interface CodeSource {
  search(query: string): CodeOption[];
  label(value: string): string | undefined;
}

const SHOWN = 12;

export const icd10Source: CodeSource = {
  search: (query) => searchIcd10(query, SHOWN).map(({ code, description }) => ({ value: code, code, name: description })),
  label: (value) => {
    const entry = findIcd10(value);
    return entry && `${entry.code} ${entry.description}`;
  },
};

export const topographySource: CodeSource = {
  search: (query) => searchTopography(query, SHOWN).map(({ code, name }) => ({ value: code, code, name })),
  label: (value) => {
    const entry = findTopography(value);
    return entry && `${entry.code} ${entry.name}`;
  },
};

/** Values are histology/behaviour (9490/3): picking one sets both, and the name follows the behaviour chosen (9490/0 is a ganglioneuroma). */
export const morphologySource: CodeSource = {
  search: (query) => searchMorphology(query, SHOWN).map(({ code, name }) => ({ value: code, code, name })),
  label: (value) => {
    const [histology = '', behaviour = ''] = value.split('/');
    const name = morphologyName(histology, behaviour);
    return name && `${value} ${name}`;
  },
};
