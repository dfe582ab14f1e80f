/** Messages of the patient's pathway and the network's commitments, to merge beside the main messages. */
export const messages = {
  pathway: {
    title: 'Ruta del paciente',
    milestones: {
      referredOn: 'Sospecha y referencia',
      arrivedOn: 'Llegada al centro estatal de referencia',
      diagnosedOn: 'Diagnóstico',
      treatmentStartedOn: 'Inicio de tratamiento',
    },
    commitments: { diagnosis: 'Diagnóstico', treatment: 'Tratamiento' },
    /** The day a commitment falls due, as marked on the time axis. */
    due: { diagnosis: 'Límite para el diagnóstico', treatment: 'Límite para el tratamiento' },
    today: 'Hoy',
    days: '{n} día | {n} días',
    /** How long after the clock started its milestone came. */
    after: 'el mismo día | al día siguiente | a los {n} días',
    clock: {
      waiting: '{commitment}: vence hoy ({date}) | {commitment}: falta 1 día (vence el {date}) | {commitment}: faltan {n} días (vence el {date})',
      overdue: '{commitment}: vencido hace {days} (vencía el {date})',
      met: {
        diagnosis: 'Diagnosticado {when}: dentro del compromiso de {allowed}',
        treatment: 'Tratamiento iniciado {when}: dentro del compromiso de {allowed}',
      },
      missed: {
        diagnosis: 'Diagnosticado {when}: {late} después del compromiso de {allowed}',
        treatment: 'Tratamiento iniciado {when}: {late} después del compromiso de {allowed}',
      },
    },
    /** A clock in a few words, as the lists of late patients give it. */
    brief: {
      waiting: '{commitment}: vence hoy | {commitment}: vence mañana | {commitment}: vence en {n} días',
      overdue: '{commitment} vencido hace {days}',
    },
    noDates: 'Aún no hay fechas registradas.',
    noClock: 'El plazo del diagnóstico empieza a contar con la fecha de sospecha y referencia.',
    record: 'Registrar fechas',
    clear: 'Borrar',
    clearDate: 'Borrar la fecha: {milestone}',
    save: 'Guardar fechas',
    saved: 'Guardado',
    attention: {
      heading: 'Pacientes fuera de plazo o por vencer',
      none: 'Ningún paciente fuera de plazo ni por vencer',
      center: 'Centro',
    },
  },
  commitments: {
    heading: 'Compromisos con las familias',
    inForce: 'Diagnóstico en {diagnosis} desde la sospecha; tratamiento en {treatment} más',
    sinceStart: 'Desde el inicio',
    network: 'Compromiso original de la red',
    history: 'Historial',
    effectiveFrom: 'Desde',
    diagnosisDays: 'Días a diagnóstico',
    treatmentDays: 'Días a tratamiento',
    changedBy: 'Quién lo cambió',
    changedAt: 'Cuándo',
    change: 'Cambiar los compromisos',
    appliesFromToday: 'Aplica a los pacientes referidos desde hoy; los anteriores conservan el compromiso que tenían.',
    save: 'Aplicar desde hoy',
    saved: 'Guardado',
  },
};
