import { io } from 'socket.io-client';
import { defineComponent, h, ref } from 'vue';

/** A page that opens the socket for live notices, as the home page does once signed in. */
export default defineComponent(() => {
  const notices = ref<string[]>([]);
  io({ transports: ['websocket'] }).on('notice', (text: string) => notices.value.push(text));
  return () =>
    h(
      'ul',
      notices.value.map((text) => h('li', text)),
    );
});
