// The seeded protocol templates: what an account uses until an admin edits one.
import type { ProtocolName, ProtocolTemplate } from '#shared/protocol.schema.ts';
import { chatTemplate } from './seeds/chat.ts';
import { appsTemplate, callCentreTemplate, inPersonTemplate, webPageTemplate } from './seeds/checklists.ts';
import { emailTemplate } from './seeds/email.ts';
import { socialTemplate } from './seeds/social.ts';

export const seededTemplates: Record<ProtocolName, ProtocolTemplate> = {
  chat: chatTemplate,
  email: emailTemplate,
  social: socialTemplate,
  web_page: webPageTemplate,
  apps: appsTemplate,
  call_centre: callCentreTemplate,
  in_person: inPersonTemplate,
};
