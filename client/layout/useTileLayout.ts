import { computed, ref, watch, type Ref } from 'vue';
import { fitTiles } from './fitTiles';
import { useElementSize } from './useElementSize';

/** Between the tiles, in pixels: the room's stylesheet sets the same as --tile-gap. */
export const TILE_GAP = 8;
/** Below this width, with nothing shown, the room shows one speaker large above the others. */
const SPEAKER_VIEW_BELOW = 600;

/**
 * How the room lays out its video tiles in `view`: a strip beside or above a shown file or screen;
 * on a narrow view one speaker large (whoever speaks, or spoke last) above the others; otherwise
 * everyone as large as the view allows. A tile's width then decides the video layer it receives.
 */
export function useTileLayout(view: Ref<HTMLElement | null>, room: { staged: () => boolean; others: () => string[]; activeSpeaker: () => string | null }) {
  const size = useElementSize(view);
  const lastSpeaker = ref<string | null>(null);
  watch(
    room.activeSpeaker,
    (peerId) => {
      if (peerId && room.others().includes(peerId)) lastSpeaker.value = peerId;
    },
    { immediate: true },
  );
  const featuredPeerId = computed(() => {
    if (room.staged() || !size.width || size.width >= SPEAKER_VIEW_BELOW) return null;
    const others = room.others();
    return others.find((peerId) => peerId === lastSpeaker.value) ?? others[0] ?? null;
  });
  const layout = computed(() => (room.staged() ? 'strip' : featuredPeerId.value ? 'speaker' : 'gallery'));
  /** The gallery's tile width, for the stylesheet. */
  const style = computed(() => {
    if (layout.value !== 'gallery' || !size.width) return {};
    const { tileWidth } = fitTiles(room.others().length + 1, size.width, size.height, TILE_GAP);
    return { '--tile-width': `${tileWidth}px` };
  });
  return { featuredPeerId, layout, style };
}
