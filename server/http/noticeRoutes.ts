import type { NoticeInboxService } from '../domain/noticeInboxService';
import type { NoticeSettingsService } from '../domain/noticeSettingsService';
import type { RouteHandlers } from './apiRoutes';

/** `emailSent`: whether this server has a mail server to send with, so a settings screen can say so. */
export const noticeRoutes = (settings: NoticeSettingsService, inbox: NoticeInboxService, emailSent: boolean) =>
  ({
    'GET /me/notice-settings': async (_input, { actor }) => ({ settings: { emailOptOut: await settings.optOuts(actor), emailSent } }),
    'PUT /me/notice-settings': async ({ body }, { actor }) => ({ settings: { emailOptOut: await settings.setOptOuts(actor, body), emailSent } }),
    'GET /me/notices': async ({ query }, { actor }) => inbox.list(actor, query),
    'POST /me/notices/read': async ({ body }, { actor }) => inbox.markRead(actor, body),
  }) satisfies Partial<RouteHandlers>;
