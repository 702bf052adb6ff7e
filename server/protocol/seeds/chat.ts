// The chat protocol (DOMAIN.md §1, Chat row) with the Fijacom identification of §2: service number
// (7 digits), name and national id ("CI") asked in the chat before the agent takes over.
import type { IdentificationField, ProtocolTemplate } from '#shared/protocol.schema.ts';

export const fijacomFields: IdentificationField[] = [
  {
    key: 'serviceNumber',
    label: {
      es: 'su número Fijacom (7 dígitos)',
      en: 'your Fijacom number (7 digits)',
      ar: 'رقم Fijacom (7 أرقام)',
    },
    pattern: '\\d{7}',
    required: true,
  },
  {
    key: 'name',
    label: { es: 'su nombre completo', en: 'your full name', ar: 'اسمك الكامل' },
    required: true,
  },
  {
    key: 'nationalId',
    label: { es: 'su número de carnet (CI)', en: 'your national ID number (CI)', ar: 'رقم بطاقة الهوية' },
    pattern: '\\d{4,10}(-?[0-9A-Za-z]{1,3})?( ?[A-Za-z]{2})?',
    required: true,
  },
];

export const chatTemplate: ProtocolTemplate = {
  protocol: 'chat',
  name: 'Chat',
  settings: {
    language: 'en',
    inactivity: { closureCheckSeconds: 120, resolveSeconds: 180 },
    surveyWindowHours: 24,
  },
  steps: [
    {
      key: 'check_equipment',
      title: 'Check equipment before starting (agent online)',
      kind: 'agent',
      trigger: 'assigned',
      detect: 'agent_online',
      required: true,
    },
    {
      key: 'greeting',
      title: 'Greeting and welcome',
      kind: 'automatic',
      trigger: 'conversation_created',
      action: 'message',
      text: {
        es: '¡Hola {contact.name}! Bienvenido al servicio de atención de {company}.',
        en: 'Hello {contact.name}! Welcome to {company} customer service.',
        ar: 'مرحباً {contact.name}! أهلاً بك في خدمة عملاء {company}.',
      },
      required: true,
    },
    {
      key: 'identification',
      title: 'Identify the customer',
      kind: 'automatic',
      trigger: 'conversation_created',
      action: 'identification',
      fields: fijacomFields,
      required: true,
    },
    {
      key: 'agent_introduction',
      title: 'The agent introduces themself',
      kind: 'agent',
      trigger: 'first_agent_reply',
      detect: 'agent_introduced',
      required: true,
    },
    {
      key: 'receive_request',
      title: 'Receive the request',
      kind: 'agent',
      trigger: 'conversation_created',
      detect: 'request_received',
      required: true,
    },
    {
      key: 'correct_spelling',
      title: 'Answer with correct spelling',
      kind: 'agent',
      trigger: 'manual',
      required: true,
    },
    { key: 'clear_direct', title: 'Be clear and direct', kind: 'agent', trigger: 'manual', required: true },
    {
      key: 'closure_check',
      title: 'Closure check',
      kind: 'automatic',
      trigger: 'inactivity',
      action: 'closure_check',
      text: {
        es: '¿Pudimos resolver su consulta? ¿Hay algo más en lo que le podamos ayudar?',
        en: 'Did we solve your request? Is there anything else we can help you with?',
        ar: 'هل تمكنا من حل طلبك؟ هل هناك شيء آخر يمكننا مساعدتك به؟',
      },
      required: true,
    },
    {
      key: 'farewell',
      title: 'Farewell, thanking for using the service',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'farewell',
      text: {
        es: 'Gracias por usar el chat de {company}. ¡Que tenga un buen día!',
        en: 'Thank you for using the {company} chat. Have a nice day!',
        ar: 'شكراً لاستخدامك دردشة {company}. نتمنى لك يوماً سعيداً!',
      },
      required: true,
    },
    {
      key: 'survey',
      title: 'Satisfaction survey',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'survey',
      required: true,
    },
  ],
};
