import { describe, expect, it } from 'vitest';
import { RoomFloor } from '../../server/domain/roomFloor';

describe('the floor of a live room', () => {
  it('queues raised hands in the order they went up, once each', () => {
    const floor = new RoomFloor();
    floor.raiseHand('b', 'Dr. B', new Date('2026-11-23T16:00:02Z'));
    floor.raiseHand('a', 'Dra. A', new Date('2026-11-23T16:00:01Z'));
    floor.raiseHand('b', 'Dr. B', new Date('2026-11-23T16:00:09Z'));
    expect(floor.handQueue().map((hand) => hand.displayName)).toEqual(['Dra. A', 'Dr. B']);
    expect(floor.lowerHand('a')).toBe(true);
    expect(floor.lowerHand('a')).toBe(false);
    expect(floor.handQueue().map((hand) => hand.peerId)).toEqual(['b']);
  });

  it('keeps people in the lobby of a locked room until admitted; coordinators always enter', () => {
    const floor = new RoomFloor();
    expect(floor.entry('u1', false)).toBe('enter');
    floor.locked = true;
    expect(floor.entry('u1', false)).toBe('wait');
    expect(floor.entry('coord', true)).toBe('enter');
    let admitted = 0;
    floor.wait({ userId: 'u1', displayName: 'Dr. Uno', centerId: 'c', guest: null }, () => (admitted += 1));
    expect(floor.waitingList().map((person) => person.displayName)).toEqual(['Dr. Uno']);
    expect(floor.admit('nobody')).toBe(false);
    expect(floor.admit('u1')).toBe(true);
    expect(admitted).toBe(1);
    expect(floor.waitingList()).toEqual([]);
    expect(floor.entry('u1', false)).toBe('enter');
  });

  it('keeps an invited guest in the lobby of an open room until admitted, and lets them back without waiting', () => {
    const floor = new RoomFloor();
    expect(floor.entry('g1', false, true)).toBe('wait');
    floor.wait({ userId: 'g1', displayName: 'Lucía', centerId: 'c', guest: { kind: 'family', affiliation: 'madre de paciente' } }, () => {});
    expect(floor.waitingList()).toEqual([{ userId: 'g1', displayName: 'Lucía', centerId: 'c', guest: { kind: 'family', affiliation: 'madre de paciente' } }]);
    expect(floor.admit('g1')).toBe(true);
    expect(floor.entry('g1', false, true)).toBe('enter');
    floor.remove('g1', 'p1');
    expect(floor.entry('g1', false, true)).toBe('removed');
  });

  it('keeps a removed account out, and drops its raised hand', () => {
    const floor = new RoomFloor();
    floor.raiseHand('p1', 'Dr. Fuera', new Date());
    floor.remove('u1', 'p1');
    expect(floor.entry('u1', false)).toBe('removed');
    expect(floor.handQueue()).toEqual([]);
  });
});
