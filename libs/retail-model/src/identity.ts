import { parsePhoneNumberFromString, CountryCode } from 'libphonenumber-js/min';

/** Trimmed and lower-cased: the key e-mail addresses are matched on across systems. */
export function normaliseEmail(email: string | null | undefined): string | undefined {
  const e = email?.trim().toLowerCase();
  return e && /^[^\s@]+@[^\s@]+$/.test(e) ? e : undefined;
}

/** E.164 ("+14155550100"); numbers without a country code are read in the default country. */
export function normalisePhone(phone: string | null | undefined, defaultCountry: CountryCode = 'US'): string | undefined {
  if (!phone?.trim()) return undefined;
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}
