import { isLocale, type Locale } from '../i18n/i18n.js';

/** The language Calumet writes to a person in: the one they chose at the desk, else the desk's (CALUMET_LANGUAGE). */
export const recipientLocale = (user: { locale: string | null }, deskLanguage: Locale): Locale => (isLocale(user.locale) ? user.locale : deskLanguage);
