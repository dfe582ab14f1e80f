import { describe, expect, it } from 'vitest';
import { FLOOD_REFUSALS, RequestRates } from '../../server/realtime/requestRates';

describe('request rates', () => {
  it('lets a person chat in bursts, then one line a second, counted over all their tabs', () => {
    let now = 0;
    const rates = new RequestRates(() => now);
    const [tab, otherTab] = [{}, {}];
    const verdicts = Array.from({ length: 10 }, (_, index) => rates.admit(index % 2 ? tab : otherTab, 'dra-ruiz', 'chat:send'));
    expect(verdicts.filter((verdict) => verdict === 'ok')).toHaveLength(8);
    expect(rates.admit({}, 'dr-ortiz', 'chat:send')).toBe('ok');
    now += 1000;
    expect(rates.admit(tab, 'dra-ruiz', 'chat:send')).toBe('ok');
    expect(rates.admit(tab, 'dra-ruiz', 'chat:send')).toBe('too_fast');
    expect(rates.admit(tab, 'dra-ruiz', 'hand:raise')).toBe('ok');
  });

  it('takes a socket that keeps sending after refusals for a flood', () => {
    const rates = new RequestRates(() => 0);
    const socket = {};
    const verdicts = Array.from({ length: 8 + FLOOD_REFUSALS }, () => rates.admit(socket, 'cliente-roto', 'chat:send'));
    expect(verdicts.at(-2)).toBe('too_fast');
    expect(verdicts.at(-1)).toBe('flood');
  });
});
