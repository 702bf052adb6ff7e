// Phone numbers in one form, E.164 (`+59171234567`), whatever way a channel or an agent wrote them, so the
// same person found through WhatsApp, a form or a CRM is recognised as one. No Node-only code here.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * `raw` in E.164, or null when it is not a valid number. Without a leading `+` (or an international
 * prefix such as `00`) the number is read as a national one of `defaultCountry`; without that, it is
 * not a number we can place.
 */
export function toE164(raw: string, defaultCountry?: CountryCode): string | null {
  const trimmed = raw.trim();
  if (!trimmed || trimmed.length > 64) return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}
