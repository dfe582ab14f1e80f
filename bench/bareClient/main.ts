/**
 * The bare counterpart of the client's start-up for bench/bundleSize.ts: the same framework pieces
 * (Vue, Pinia, vue-router with lazily loaded pages, vue-i18n in composition mode) with nothing of
 * OncoBoard's own, built with the same Vite config. What its pages load at first is the floor.
 */
import { createPinia, defineStore } from 'pinia';
import { createApp, defineComponent, h, ref } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import { createRouter, createWebHistory, RouterLink, RouterView } from 'vue-router';

const i18n = createI18n({ legacy: false, locale: 'es-MX', fallbackLocale: 'es-MX', messages: { 'es-MX': { title: 'Inicio', room: 'Sala' }, en: { title: 'Home', room: 'Room' } } });

export const useAccountStore = defineStore('account', () => ({ name: ref<string | null>(null) }));

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/entrar', component: () => import('./signInPage') },
    { path: '/', component: () => import('./homePage') },
    { path: '/sala', component: () => import('./roomPage') },
  ],
});

const App = defineComponent(() => {
  const { t } = useI18n();
  const account = useAccountStore();
  return () => [h('header', [h('h1', t('title')), h(RouterLink, { to: '/sala' }, () => t('room')), account.name]), h('main', h(RouterView))];
});

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app');
