// The protocol checklist in the agent's language (agent-console/src/components/protocol-titles.ts):
// every seeded protocol name and step title has its Spanish and Arabic, and a title an admin typed is
// shown as typed.
import { describe, expect, it } from 'vitest';
import { chatTemplate } from '#server/protocol/seeds/chat.ts';
import {
  appsTemplate,
  callCentreTemplate,
  inPersonTemplate,
  webPageTemplate,
} from '#server/protocol/seeds/checklists.ts';
import { emailTemplate } from '#server/protocol/seeds/email.ts';
import { socialTemplate } from '#server/protocol/seeds/social.ts';
import { protocolText } from '../../agent-console/src/components/protocol-titles.ts';

const seeded = [
  chatTemplate,
  emailTemplate,
  socialTemplate,
  webPageTemplate,
  appsTemplate,
  inPersonTemplate,
  callCentreTemplate,
];

describe('protocol titles', () => {
  it('translates every seeded name and step title', () => {
    const missing: string[] = [];
    for (const template of seeded) {
      for (const text of [template.name, ...template.steps.map((s) => s.title)]) {
        for (const lang of ['es', 'ar'] as const) {
          if (protocolText(text, lang) === text && text !== 'Chat') missing.push(`${lang}: ${text}`);
        }
        expect(protocolText(text, 'en')).toBe(text);
      }
    }
    expect(missing).toEqual([]);
    expect(protocolText('Closure check', 'es')).toBe('Verificación de cierre');
  });

  it('shows a title an admin wrote as written', () => {
    expect(protocolText('Ofrecer el plan Pro', 'ar')).toBe('Ofrecer el plan Pro');
  });
});
