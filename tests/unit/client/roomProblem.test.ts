import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../../../client/i18n';
import { MicrophoneLost } from '../../../client/media/mediaSession';
import { problemFrom } from '../../../client/services/roomProblem';

afterEach(() => {
  i18n.global.locale.value = 'es-MX';
});

describe('a failure in the room, as the person reads it', () => {
  it('says a microphone that could not be sent again in words, Spanish first, not as the technical error', async () => {
    const problem = problemFrom(new MicrophoneLost('the microphone was not sent anew', { cause: new Error('no a=ssrc lines found') }));
    expect(i18n.global.t(problem.key, problem.values ?? {})).toBe(
      'Su micrófono no se pudo volver a enviar tras un corte de su conexión, y ya no se le escucha. Salga de la sala y vuelva a entrar.',
    );
    await setLocale('en');
    expect(i18n.global.t(problem.key, problem.values ?? {})).toBe(
      'Your microphone could not be sent again after your connection dropped, and you can no longer be heard. Leave the room and enter again.',
    );
  });
});
