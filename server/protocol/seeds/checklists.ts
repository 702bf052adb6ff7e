// The protocols that are mostly the agent's checklist (DOMAIN.md §1): web page, apps, in person and the
// call centre (whose identity validation questions are the identification step, asked by phone and
// ticked by the agent).
import type { ProtocolStep, ProtocolTemplate } from '#shared/protocol.schema.ts';
import { fijacomFields } from './chat.ts';

const checklist = (items: [key: string, title: string][]): ProtocolStep[] =>
  items.map(([key, title]) => ({ key, title, kind: 'agent', trigger: 'manual', required: true }));

const settings = { language: 'en', inactivity: null, surveyWindowHours: 24 } as const;

export const webPageTemplate: ProtocolTemplate = {
  protocol: 'web_page',
  name: 'Web page',
  settings,
  steps: checklist([
    ['site_search', 'Site search'],
    ['search_options', 'Search options'],
    ['option_list', 'Option list'],
    ['data_registration', 'Data registration'],
    ['fast_information', 'Fast information presentation'],
    ['satisfaction_question', 'Satisfaction question about the information'],
    ['dissatisfaction_options', 'Dissatisfaction options'],
    ['virtual_agent_handoff', 'Hand-off to a virtual agent (chat)'],
  ]),
};

export const appsTemplate: ProtocolTemplate = {
  protocol: 'apps',
  name: 'Apps',
  settings,
  steps: [
    ...checklist([
      ['greet_request_button', 'Greet and show the request button'],
      ['receive_request', 'Receive the request'],
      ['specific_solutions', 'Give specific solutions'],
      ['follow_up', 'Follow up on conformity'],
    ]),
    {
      key: 'survey',
      title: 'Close with customer satisfaction',
      kind: 'automatic',
      trigger: 'resolved',
      action: 'survey',
      required: true,
    },
  ],
};

export const inPersonTemplate: ProtocolTemplate = {
  protocol: 'in_person',
  name: 'In person',
  settings,
  steps: checklist([
    ['inform_channels', 'Inform the service channels'],
    ['welcome_introduce', 'Welcome and introduce the advisor'],
    ['formal_address', 'Formal address, full attention'],
    ['listen', 'Listen'],
    ['analyse', 'Analyse'],
    ['answer_or_route', 'Answer or route to the right person'],
    ['offer_channels', 'Offer other channels'],
    ['ensure_satisfaction', 'Ensure satisfaction'],
    ['farewell', 'Farewell'],
  ]),
};

export const callCentreTemplate: ProtocolTemplate = {
  protocol: 'call_centre',
  name: 'Call centre',
  settings,
  steps: [
    ...checklist([
      ['offer_channels', 'Offer the service channels'],
      ['greeting_introduce', 'Answer with a greeting and introduce yourself'],
      ['listen', 'Listen'],
      ['speak_clearly', 'Speak clearly'],
    ]),
    {
      key: 'identification',
      title: 'Questions to validate identity',
      kind: 'agent',
      trigger: 'manual',
      action: 'identification',
      fields: fijacomFields,
      required: true,
    },
    ...checklist([
      ['tell_waiting_time', 'Tell the waiting time while consulting'],
      ['clear_answers', 'Clear, concise answers'],
      ['ensure_satisfaction', 'Ensure satisfaction'],
      ['offer_web_page', 'Offer the web page'],
      ['farewell', 'Farewell'],
      ['thank_channel', 'Thank for the channel used'],
    ]),
  ],
};
