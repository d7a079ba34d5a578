/**
 * The typed catalogue of the settings' timeline: type name -> payload. Each
 * feature with settings declares its own events by declaration merging:
 *
 *   declare module '../settings/settings-events.js' {
 *     interface SettingsEvents { 'signal_phrase.added': { phraseId: string } }
 *   }
 */
export interface SettingsEvents {}

export type SettingsEventType = keyof SettingsEvents & string;
