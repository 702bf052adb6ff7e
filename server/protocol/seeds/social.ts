// The social-network protocol (DOMAIN.md §1): present the proposal, receive the requests, answer each
// one individually, follow up on conformity after a silence, thank and invite to the web page, and a
// survey answered in the chat itself ("reply 1–5").
import type { ProtocolTemplate } from '#shared/protocol.schema.ts';

export const socialTemplate: ProtocolTemplate = {
  protocol: 'social',
  name: 'Social networks',
  settings: {
    language: 'en',
    inactivity: { closureCheckSeconds: 30 * 60, resolveSeconds: 24 * 3600 },
    surveyWindowHours: 24,
  },
  steps: [
    {
      key: 'greeting',
      title: 'Present the proposal and the platform',
      kind: 'automatic',
      trigger: 'conversation_created',
      action: 'message',
      text: {
        es: '¡Hola {contact.name}! Este es el canal de {company} para información y solicitudes. Cuéntenos en qué le ayudamos.',
        en: 'Hi {contact.name}! This is the {company} channel for information and requests. Tell us how we can help.',
        ar: 'مرحباً {contact.name}! هذه قناة {company} للمعلومات والطلبات. أخبرنا كيف يمكننا مساعدتك.',
      },
      required: true,
    },
    {
      key: 'receive_request',
      title: 'Receive the requests',
      kind: 'agent',
      trigger: 'conversation_created',
      detect: 'request_received',
      required: true,
    },
    {
      key: 'answer_individually',
      title: 'Answer each request individually',
      kind: 'agent',
      trigger: 'manual',
      required: true,
    },
    {
      key: 'closure_check',
      title: 'Follow up on conformity',
      kind: 'automatic',
      trigger: 'inactivity',
      action: 'closure_check',
      text: {
        es: '¿Quedó conforme con la respuesta? ¿Podemos ayudarle en algo más?',
        en: 'Are you happy with the answer? Can we help you with anything else?',
        ar: 'هل أنت راضٍ عن الإجابة؟ هل يمكننا مساعدتك في شيء آخر؟',
      },
      required: true,
    },
    {
      key: 'farewell',
      title: 'Thank the visit and invite to the web page',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'farewell',
      text: {
        es: 'Gracias por escribirnos. Visite también la página web de {company}.',
        en: 'Thank you for writing to us. Visit the {company} web page too.',
        ar: 'شكراً لتواصلك معنا. تفضل بزيارة موقع {company} أيضاً.',
      },
      required: true,
    },
    {
      key: 'survey',
      title: 'Satisfaction survey (reply 1–5)',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'survey',
      text: {
        es: '¿Cómo calificaría nuestra atención? Responda con un número del 1 (mala) al 5 (excelente).',
        en: 'How would you rate our service? Reply with a number from 1 (poor) to 5 (excellent).',
        ar: 'كيف تقيم خدمتنا؟ أجب برقم من 1 (سيئة) إلى 5 (ممتازة).',
      },
      required: true,
    },
  ],
};
