/**
 * Where a guest's link leads. Apart from shared/guests.ts, whose schemas bring zod: the client's
 * router needs this path, and the router is in every page's first load.
 */

/** The page a link opens; the token travels after `#`, so it never reaches a server's log or a Referer. */
export const GUEST_LINK_PATH = '/invitado';
