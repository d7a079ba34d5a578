/** Which date of the notice starts the clock. acknowledgedAt is the registered mail's acknowledgment of receipt. */
export const CLOCK_STARTS = ['receivedAt', 'acknowledgedAt', 'sentAt'] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];
/** business skips Saturdays and Sundays; calendar counts every day. */
export const DAY_COUNTS = ['calendar', 'business'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];
