/** Camera and microphone capture for the lobby preview and the room. */
export interface DeviceChoice {
  cameraId?: string;
  microphoneId?: string;
}

export interface DeviceLists {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

/** 720p feeds three simulcast layers (320, 640, 1280 wide): each viewer gets what its tile needs. */
const VIDEO = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 20 } };

export async function captureCamera(choice: DeviceChoice): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { ...VIDEO, ...(choice.cameraId ? { deviceId: { exact: choice.cameraId } } : {}) } });
  return stream.getVideoTracks()[0]!;
}

export async function captureMicrophone(choice: DeviceChoice): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, ...(choice.microphoneId ? { deviceId: { exact: choice.microphoneId } } : {}) },
  });
  return stream.getAudioTracks()[0]!;
}

/** Device names are only readable once the user allowed capture, so call this after a capture. */
export async function listDevices(): Promise<DeviceLists> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((device) => device.kind === 'videoinput'),
    microphones: devices.filter((device) => device.kind === 'audioinput'),
  };
}
