import { Injectable } from '@nestjs/common';
import { CalendarEntries, type CalendarEntry, type CalendarRequest } from '../common/calendar-entries.js';
import { prescriptionReads } from './prescription-reads.js';

/** Press-law prescription dates in a person's calendar feed: the incidents they own or back up (as Today shows them). */
@Injectable()
export class PrescriptionCalendar {
  @CalendarEntries({ source: 'press-law prescriptions', priority: 40 })
  async prescriptions({ manager, userId, t, now }: CalendarRequest): Promise<CalendarEntry[]> {
    const due = await prescriptionReads.dueFor(manager, userId, { from: now });
    return due.map((mark) => ({
      key: `prescription-${mark.markId}`,
      incidentId: mark.incidentId,
      dueAt: mark.prescribesAt,
      changedAt: mark.changedAt,
      summary: t.t('calendar.prescription', { ref: mark.incidentRef, offence: t.word('pressOffence', mark.offence) }),
      detail: t.t('prescription.warning'),
      path: `/incidents/${mark.incidentId}`,
    }));
  }
}
