import { JobName } from './job-catalogue.js';
import { handlerTable, type FoundHandler } from './job-handlers.js';

const handler = async () => undefined;
const all = (): FoundHandler[] => Object.values(JobName).map((name) => ({ name, where: `Jobs.handle${name}`, handler }));

describe(handlerTable.name, () => {
  it('maps every job of the catalogue to its handler', () => {
    const sut = handlerTable(all());
    expect([...sut.keys()].sort()).toEqual(Object.values(JobName).sort());
  });

  it('refuses to boot when a job has no handler, naming it', () => {
    const found = all().filter((item) => item.name !== JobName.ReconcileReminders);
    expect(() => handlerTable(found)).toThrow(`job ${JobName.ReconcileReminders} has no handler`);
  });

  it('refuses to boot when a job has two handlers, naming both', () => {
    const found = [...all(), { name: JobName.DeliverReminder, where: 'Other.handle', handler }];
    expect(() => handlerTable(found)).toThrow(`job ${JobName.DeliverReminder} has 2 handlers: Jobs.handleDeliverReminder, Other.handle`);
  });

  it('refuses a handler for a job the catalogue does not know', () => {
    const found = [...all(), { name: 'PaintFence' as JobName, where: 'Chores.handle', handler }];
    expect(() => handlerTable(found)).toThrow('Chores.handle handles PaintFence, which is not in the job catalogue');
  });
});
