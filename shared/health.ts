export type DatabaseState = 'connected' | 'connecting' | 'disconnected';

/** What anyone (a load balancer, a monitor) learns; administrators also get `details`. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  database: { state: DatabaseState };
  details?: {
    database: { embedded: boolean };
    media: { workers: { pid: number; alive: boolean }[]; rooms: number };
  };
}
