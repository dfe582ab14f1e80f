import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, localeReady } from './i18n';
import { router } from './router';
import './styles.css';

void localeReady.then(() => createApp(App).use(createPinia()).use(i18n).use(router).mount('#app'));
