import { createRouter, createWebHistory } from 'vue-router';
import { GUEST_LINK_PATH } from '../shared/guestPaths';
import type { Action } from '../shared/permissions';
import { useAuthStore } from './stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** The laboratory's page: the only one a laboratory account reaches, and one nobody else needs. */
    laboratory?: boolean;
    /** The action of the permissions table the page is for. */
    permission?: Action;
  }
}

/** Where a guest goes once the session ended or their link stopped working: nothing else is theirs to see. */
export const GUEST_END_PATH = `${GUEST_LINK_PATH}/fin`;
/** Why a guest's visit ended, from the end page's address: revoked (revocada), a sign-in gone on a reload (cerrada), or the session over. */
const guestEndReason = (motivo: unknown) => (motivo === 'revocada' ? 'revoked' : motivo === 'cerrada' ? 'closed' : 'ended');

/** Spanish paths: they are what clinicians see in the address bar and share with colleagues. */
export const router = createRouter({
  history: createWebHistory(),
  // A link to a part of a page (the header's count to the home page's notices, /#avisos) scrolls to it; otherwise as before.
  scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash } : false),
  routes: [
    { path: '/entrar', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/', component: () => import('./views/HomeView.vue') },
    { path: '/sesiones', component: () => import('./views/SessionListView.vue') },
    { path: '/sesiones/nueva', component: () => import('./views/SessionFormView.vue'), meta: { permission: 'sessions.schedule' } },
    { path: '/sesiones/:id', component: () => import('./views/SessionView.vue'), props: true },
    { path: '/sesiones/:sessionId/casos/nuevo', component: () => import('./views/CaseFormView.vue'), props: true, meta: { permission: 'cases.submit' } },
    { path: '/casos/:id', component: () => import('./views/CaseView.vue'), props: true },
    { path: '/casos/:caseId/editar', component: () => import('./views/CaseFormView.vue'), props: true, meta: { permission: 'cases.edit' } },
    { path: '/admin/centros', component: () => import('./views/AdminCentersView.vue'), meta: { permission: 'centers.manage' } },
    { path: '/admin/cuentas', component: () => import('./views/AdminUsersView.vue'), meta: { permission: 'users.manage' } },
    { path: '/sesiones/:id/minuta', component: () => import('./views/MinutesView.vue'), props: true },
    { path: '/sesiones/:id/asistencia', component: () => import('./views/AttendanceView.vue'), props: true },
    { path: '/constancias', component: () => import('./views/MyCertificatesView.vue') },
    { path: '/mis-avisos', component: () => import('./views/NoticeSettingsView.vue') },
    { path: '/reportes', component: () => import('./views/ReportsView.vue') },
    { path: '/compromisos', component: () => import('./views/CommitmentsView.vue') },
    { path: GUEST_LINK_PATH, component: () => import('./views/GuestEntryView.vue'), meta: { public: true } },
    { path: GUEST_END_PATH, component: () => import('./views/GuestEndView.vue'), props: (route) => ({ reason: guestEndReason(route.query.motivo) }), meta: { public: true } },
    { path: '/verificar/:code?', component: () => import('./views/VerifyCertificateView.vue'), props: true, meta: { public: true } },
    { path: '/laboratorio', component: () => import('./views/LaboratoryView.vue'), meta: { laboratory: true, permission: 'studies.inbox' } },
    { path: '/sesiones/:id/sala', component: () => import('./views/RoomPage.vue'), props: true },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.checked) await auth.refresh();
  const home = auth.guest ? `/sesiones/${auth.guest.sessionId}/sala` : auth.laboratoryOnly ? '/laboratorio' : '/';
  if (to.meta.public) return auth.signedIn && to.path === '/entrar' ? home : true;
  // A tab that entered with an invitation and lost its sign-in (the session ended, the link was revoked) is no account's: its end page, not the sign-in.
  if (!auth.signedIn) return auth.wasGuest() ? { path: GUEST_END_PATH, query: { motivo: 'cerrada' } } : { path: '/entrar', query: { next: to.fullPath } };
  // An invited guest stays in their session's room (its lobby first) whatever they type.
  if (auth.guest) return to.path === home ? true : home;
  if (auth.laboratoryOnly && !to.meta.laboratory) return home;
  if (to.meta.permission && !auth.can(to.meta.permission)) return '/';
  return true;
});
