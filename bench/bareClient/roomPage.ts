import { Device } from 'mediasoup-client';
import type { RtpCapabilities } from 'mediasoup-client/types';
import { io } from 'socket.io-client';
import { defineComponent, h, ref } from 'vue';

/** A page that loads mediasoup-client's Device from the server's capabilities, as the room's lobby does. */
export default defineComponent(() => {
  const ready = ref(false);
  const device = new Device();
  io({ transports: ['websocket'] }).on('capabilities', (routerRtpCapabilities: RtpCapabilities) => void device.load({ routerRtpCapabilities }).then(() => (ready.value = true)));
  return () => h('p', ready.value ? 'lista' : '…');
});
