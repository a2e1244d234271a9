// Sends Headway's email over SMTP with nodemailer (a maintained library: STARTTLS, SMTPS, auth and
// message encoding done right), configured by HEADWAY_SMTP_URL and HEADWAY_MAIL_FROM.
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';
import type { Email } from './reminders.ts';

/** A sender for `sendReminders`, and how to let go of its connections when done. */
export function smtpSender({ smtpUrl, from }: MailConfig) {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (email: Email) => {
      await transport.sendMail({ from, ...email });
    },
    close: () => transport.close(),
  };
}
