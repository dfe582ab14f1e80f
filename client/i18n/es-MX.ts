export const esMX = {
  app: {
    title: 'OncoBoard',
    subtitle: 'Sesiones de telemedicina de la red OncoCREAN',
    language: 'Idioma',
  },
  join: {
    heading: 'Entrar a una sala',
    roomName: 'Nombre de la sala',
    roomNameHint: 'Por ejemplo: sesion-190',
    displayName: 'Tu nombre',
    displayNameHint: 'Como lo verán los demás participantes',
    submit: 'Entrar',
    joining: 'Entrando…',
    fieldErrors: {
      roomName: 'Use de 3 a 64 letras, números, «-» o «_», comenzando con letra o número.',
      displayName: 'Escriba su nombre (máximo 80 caracteres, sin caracteres de control).',
    },
  },
  room: {
    heading: 'Sala {name}',
    you: '{name} (tú)',
    leave: 'Salir de la sala',
    alone: 'Aún no hay otros participantes. Comparta el nombre de la sala para que se unan.',
    participants: 'Participantes: {count}',
    noCamera: 'No se pudo usar la cámara o el micrófono; está en la sala solo como espectador.',
    closed: 'La sala se cerró: {reason}',
  },
  errors: {
    invalid_input: 'Los datos enviados no son válidos.',
    not_found: 'No se encontró lo solicitado.',
    forbidden: 'No tiene permiso para hacer esto.',
    conflict: 'La acción entra en conflicto con el estado actual. Intente de nuevo.',
    not_joined: 'Primero debe entrar a una sala.',
    media_error: 'Hubo un problema con el audio o el video: {message}',
    internal: 'Ocurrió un error en el servidor. Intente de nuevo.',
    timeout: 'El servidor no respondió a tiempo. Revise su conexión.',
    disconnected: 'Se perdió la conexión con el servidor.',
  },
};

export type Messages = typeof esMX;
