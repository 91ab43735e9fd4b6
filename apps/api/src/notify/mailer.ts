import { notificationMail, notificationPath } from '@targetline/core';
import type { OutboxMail } from '@targetline/db';
import type { Transporter } from 'nodemailer';
import type { MailSettings } from '../config';

/** Sends one queued mail; throws when the SMTP server does not accept it (it stays queued). */
export type Mailer = { send: (mail: OutboxMail) => Promise<void>; close: () => void };

/**
 * The mail of a notification, in its recipient's language, as plain text: nothing anyone typed
 * (a unit's name, a return reason) can become markup or a header.
 */
export function renderMail(mail: OutboxMail, publicUrl: string | null) {
  const url = publicUrl === null ? null : `${publicUrl}${notificationPath(mail.notification)}`;
  return notificationMail(mail.notification, {
    locale: mail.locale,
    name: mail.displayName,
    url,
  });
}

/** The SMTP mailer of the settings; null when mail is off (no SMTP_URL): nothing is sent. */
export function createMailer(settings: MailSettings): Mailer | null {
  if (settings.smtpUrl === null || settings.from === null) return null;
  const url = new URL(settings.smtpUrl);
  const isTls = url.protocol === 'smtps:';
  const options = {
    host: url.hostname,
    port: url.port === '' ? (isTls ? 465 : 587) : Number(url.port),
    secure: isTls,
    ...(url.username !== '' && {
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    }),
    // A server that does not answer holds one mail for at most this long, then it is retried.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  };
  // nodemailer is loaded with the first mail, not at every start (about 50 ms of it).
  let transport: Promise<Transporter> | null = null;
  const transportNow = () => {
    transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(options),
    );
    return transport;
  };
  const from = settings.from;
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'targetline.invalid';
  return {
    async send(mail) {
      const { subject, text } = renderMail(mail, settings.publicUrl);
      await (await transportNow()).sendMail({
        from,
        to: mail.to,
        subject,
        text,
        // Lets the receiving side drop a second copy should one ever be sent after a crash
        // between the server's acceptance and our commit.
        messageId: `<targetline-outbox-${mail.id}@${domain}>`,
      });
    },
    close: () => {
      void transport?.then((open) => open.close());
    },
  };
}
