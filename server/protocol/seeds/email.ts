// The e-mail protocol (DOMAIN.md §1, E-mail row): classify the request (PQR), acknowledge it with the
// reference number, verify it, the advisor identified by assignment, a clear answer, a conformity
// follow-up with the invitation to the web page and a signed survey link, all in one mail.
import type { ProtocolTemplate } from '#shared/protocol.schema.ts';

export const emailTemplate: ProtocolTemplate = {
  protocol: 'email',
  name: 'E-mail',
  settings: { language: 'en', inactivity: null, surveyWindowHours: 24 * 7 },
  steps: [
    {
      key: 'classify',
      title: 'Identify the mail as a request (PQR)',
      kind: 'automatic',
      trigger: 'conversation_created',
      action: 'classify',
      required: true,
    },
    {
      key: 'acknowledgement',
      title: 'Acknowledge with the reference number',
      kind: 'automatic',
      trigger: 'conversation_created',
      action: 'acknowledge',
      text: {
        en:
          'Hello {name},\n\nWe have received your {category} and registered it under reference number {reference}. ' +
          'An advisor will answer you by e-mail. Please keep the reference in the subject if you write to us about it.',
        es:
          'Hola {name}:\n\nHemos recibido su {category} y la registramos con el número de referencia {reference}. ' +
          'Un asesor le responderá por correo. Conserve la referencia en el asunto si nos escribe sobre ella.',
        ar:
          'مرحباً {name}،\n\nلقد استلمنا {category} وسجلناها برقم المرجع {reference}. ' +
          'سيرد عليك أحد المستشارين بالبريد الإلكتروني. يرجى الاحتفاظ بالمرجع في الموضوع إذا كتبت إلينا بشأنها.',
      },
      required: true,
    },
    { key: 'verify_request', title: 'Verify the request', kind: 'agent', trigger: 'manual', required: true },
    {
      key: 'advisor_identified',
      title: 'Identify the advisor who will answer',
      kind: 'agent',
      trigger: 'assigned',
      required: true,
    },
    {
      key: 'clear_information',
      title: 'Give the information clearly',
      kind: 'agent',
      trigger: 'first_agent_reply',
      detect: 'answered',
      required: true,
    },
    {
      key: 'follow_up',
      title: 'Follow up on conformity',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'follow_up',
      text: {
        en:
          'Hello {name},\n\nWe have closed your request {reference} ("{subject}"). ' +
          'Are you satisfied with the answer? If anything is missing, just reply to this e-mail and we will continue.',
        es:
          'Hola {name}:\n\nHemos cerrado su solicitud {reference} («{subject}»). ' +
          '¿Está conforme con la respuesta? Si falta algo, responda a este correo y continuaremos.',
        ar:
          'مرحباً {name}،\n\nلقد أغلقنا طلبك {reference} ("{subject}"). ' +
          'هل أنت راضٍ عن الرد؟ إذا كان هناك شيء ناقص، يكفي الرد على هذه الرسالة وسنتابع.',
      },
      required: true,
    },
    {
      key: 'invite_web_page',
      title: 'Invite the user to the web page',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'message',
      text: {
        en: 'You can also find answers and manage your services on the {company} web page.',
        es: 'También puede encontrar respuestas y gestionar sus servicios en la página web de {company}.',
        ar: 'يمكنك أيضاً العثور على الإجابات وإدارة خدماتك على موقع {company}.',
      },
      required: false,
    },
    {
      key: 'survey',
      title: 'Satisfaction survey (signed link)',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'survey',
      text: {
        en: 'Please rate our service from 1 to 5: {survey.link}',
        es: 'Califique nuestra atención de 1 a 5: {survey.link}',
        ar: 'يرجى تقييم خدمتنا من 1 إلى 5: {survey.link}',
      },
      required: true,
    },
  ],
};
