import type { Messages } from './es-MX';

export const en: Messages = {
  app: {
    title: 'OncoBoard',
    subtitle: 'Telemedicine sessions of the OncoCREAN network',
    language: 'Language',
  },
  join: {
    heading: 'Enter a room',
    roomName: 'Room name',
    roomNameHint: 'For example: sesion-190',
    displayName: 'Your name',
    displayNameHint: 'As the other participants will see it',
    submit: 'Enter',
    joining: 'Entering…',
    fieldErrors: {
      roomName: 'Use 3 to 64 letters, digits, "-" or "_", starting with a letter or digit.',
      displayName: 'Type your name (at most 80 characters, no control characters).',
    },
  },
  room: {
    heading: 'Room {name}',
    you: '{name} (you)',
    leave: 'Leave the room',
    alone: 'No other participants yet. Share the room name so they can join.',
    participants: 'Participants: {count}',
    noCamera: 'The camera or microphone could not be used; you are in the room as a viewer only.',
    closed: 'The room closed: {reason}',
  },
  errors: {
    invalid_input: 'The data sent is not valid.',
    not_found: 'What you asked for was not found.',
    forbidden: 'You are not allowed to do this.',
    conflict: 'This conflicts with the current state. Try again.',
    not_joined: 'Enter a room first.',
    media_error: 'There was a problem with audio or video: {message}',
    internal: 'The server had an error. Try again.',
    timeout: 'The server did not answer in time. Check your connection.',
    disconnected: 'The connection to the server was lost.',
  },
};
