import { describe, expect, it } from 'vitest';
import { quorumOf } from '../../shared/opinions';

describe('quorum of a case discussion', () => {
  it('counts distinct specialties of the experts present, ignoring others and blanks', () => {
    const quorum = quorumOf(
      [
        { roles: ['expert'], specialty: 'Patología' },
        { roles: ['expert'], specialty: 'Patología ' },
        { roles: ['expert'], specialty: 'Hematología pediátrica' },
        { roles: ['coordinator'], specialty: 'Radio-oncología' },
        { roles: ['expert'], specialty: '' },
      ],
      3,
    );
    expect(quorum).toEqual({ specialties: ['Hematología pediátrica', 'Patología'], required: 3, met: false });
  });

  it('is met from the required number of specialties', () => {
    const people = ['Patología', 'Cirugía oncológica', 'Radio-oncología'].map((specialty) => ({ roles: ['expert'], specialty }));
    expect(quorumOf(people, 3).met).toBe(true);
    expect(quorumOf(people, 4).met).toBe(false);
  });
});
