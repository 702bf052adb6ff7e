// The account's roles as the users page shows them, and a one-time password an admin can hand over
// (generated in the browser with the platform's CSPRNG; the hub stores only its hash).
import type { Key } from '../i18n.tsx';
import type { User } from '../types.ts';

export type Role = User['role'];
export const roles: readonly Role[] = [
  'admin',
  'supervisor',
  'agent',
  'qa',
  'marketing',
  'finance',
  'back_office',
  'follow_up',
];

export const roleName: Record<Role, Key> = {
  admin: 'roleAdmin',
  supervisor: 'roleSupervisor',
  agent: 'roleAgent',
  qa: 'roleQa',
  marketing: 'roleMarketing',
  finance: 'roleFinance',
  back_office: 'roleBackOffice',
  follow_up: 'roleFollowUp',
};

export const roleHint: Record<Role, Key> = {
  admin: 'roleAdminHint',
  supervisor: 'roleSupervisorHint',
  agent: 'roleAgentHint',
  qa: 'roleQaHint',
  marketing: 'roleMarketingHint',
  finance: 'roleFinanceHint',
  back_office: 'roleBackOfficeHint',
  follow_up: 'roleFollowUpHint',
};

/** The hub's refusals an admin can meet here, in the admin's language. */
export const userErrorText: Record<string, Key> = {
  last_admin: 'errLastAdmin',
  self_lockout: 'errSelfLockout',
  email_taken: 'errEmailTaken',
  weak_password: 'errWeakPassword',
};

// No 0/O, 1/l/I: read aloud or copied by hand without mistakes.
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 16): string {
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
