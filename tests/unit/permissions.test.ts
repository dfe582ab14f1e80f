import { describe, expect, it } from 'vitest';
import { can, canEverywhere, permissions, type Action } from '../../shared/permissions';
import { roles } from '../../shared/roles';

const ownCenter = 'a'.repeat(24);
const otherCenter = 'b'.repeat(24);

describe('the permissions table', () => {
  it('gives a right reaching any centre over every centre’s things', () => {
    const coordinator = { roles: ['coordinator'] as const, centerId: ownCenter };
    expect(can(coordinator, 'agreements.followUp', otherCenter)).toBe(true);
    expect(canEverywhere(coordinator, 'cases.remove')).toBe(true);
  });

  it('gives a right reaching the own centre only over that centre’s things', () => {
    const presenter = { roles: ['presenter'] as const, centerId: ownCenter };
    expect(can(presenter, 'cases.edit', ownCenter)).toBe(true);
    expect(can(presenter, 'cases.edit', otherCenter)).toBe(false);
    // Asked without a thing, the role holds the right: routes refuse others before reading a body.
    expect(can(presenter, 'cases.edit')).toBe(true);
    expect(canEverywhere(presenter, 'cases.remove')).toBe(false);
  });

  it('refuses whoever is not signed in and roles the table does not list', () => {
    expect(can(null, 'attendance.read')).toBe(false);
    expect(can({ roles: ['attendee'], centerId: ownCenter }, 'agreements.followUp', ownCenter)).toBe(false);
    expect(can({ roles: ['admin'], centerId: ownCenter }, 'sessions.schedule')).toBe(false);
  });

  it('lets any one of several roles give the right', () => {
    expect(can({ roles: ['attendee', 'expert'], centerId: ownCenter }, 'votes.cast')).toBe(true);
  });

  it('names only known roles and gives every action a reason to refuse', () => {
    for (const [action, permission] of Object.entries(permissions) as [Action, (typeof permissions)[Action]][]) {
      expect(
        Object.keys(permission.grants).every((role) => (roles as readonly string[]).includes(role)),
        action,
      ).toBe(true);
      expect(permission.refusal.length, action).toBeGreaterThan(10);
    }
  });

  it('gives a laboratory account the study rights and nothing else, over its own laboratory’s studies', () => {
    const laboratory = { roles: ['laboratory'] as const, centerId: ownCenter };
    const granted = (Object.keys(permissions) as Action[]).filter((action) => can(laboratory, action));
    expect(granted.sort()).toEqual(['studies.inbox', 'studies.record']);
    expect(can(laboratory, 'studies.record', ownCenter)).toBe(true);
    expect(can(laboratory, 'studies.record', otherCenter)).toBe(false);
    expect(can(laboratory, 'studies.send', ownCenter)).toBe(false);
  });
});
