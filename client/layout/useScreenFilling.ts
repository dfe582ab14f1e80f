import { onBeforeUnmount, onMounted } from 'vue';

/**
 * While the calling view is on screen the page is exactly the window's height (styles.css,
 * `html.fills-screen`): the view lays itself out inside it and scrolls its own parts, never the page.
 */
export function useScreenFilling(): void {
  onMounted(() => document.documentElement.classList.add('fills-screen'));
  onBeforeUnmount(() => document.documentElement.classList.remove('fills-screen'));
}
