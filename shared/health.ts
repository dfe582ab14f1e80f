export type DatabaseState = 'connected' | 'connecting' | 'disconnected';

export interface HealthReport {
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  database: { state: DatabaseState; embedded: boolean };
  media: { workers: { pid: number; alive: boolean }[]; rooms: number };
}
