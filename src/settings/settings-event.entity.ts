import { Entity } from 'typeorm';
import { ChainedEvent } from '../timeline/chained-event.js';

/** An event of the settings' timeline: one hash chain, append-only like an incident's (a database trigger refuses UPDATE and DELETE). */
@Entity('settings_events')
export class SettingsEvent extends ChainedEvent {}
