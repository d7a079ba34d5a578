import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../users/users.module.js';
import { ReminderAlarms } from './reminder-alarms.js';
import { ReminderDelivery } from './reminder-delivery.service.js';
import { ReminderPolicies } from './reminder-policy.js';
import { ReminderJobs } from './reminder-jobs.js';
import { ReminderReconciler } from './reminder-reconciler.service.js';
import { Reminder } from './reminder.entity.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';

/** Reminders as rows, queue jobs as their alarm clocks (docs/reminders.md). */
@Module({
  imports: [TypeOrmModule.forFeature([Reminder]), NotificationsModule, UsersModule],
  controllers: [RemindersController],
  providers: [RemindersService, ReminderAlarms, ReminderDelivery, ReminderReconciler, ReminderJobs, ReminderPolicies],
  exports: [RemindersService],
})
export class RemindersModule {}
