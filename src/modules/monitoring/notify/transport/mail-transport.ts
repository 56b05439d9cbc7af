import { type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** The SMTP side effect, behind an adapter. */
export abstract class MailTransport {
  /** False when no SMTP server is configured: email channels are refused then. */
  abstract readonly configured: boolean;
  abstract send(message: MailMessage): Promise<void>;
}

/** nodemailer over `MONITORING_SMTP_URL`, every stage bounded by the notification timeout (built by NotifyModule). */
export class NodemailerMailTransport extends MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter | null;

  constructor(smtpUrl: string | undefined, timeoutMs: number) {
    super();
    this.transporter = smtpUrl
      ? createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs })
      : null;
  }

  get configured(): boolean {
    return this.transporter !== null;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transporter) {
      throw new Error('SMTP is not configured');
    }
    await this.transporter.sendMail(message);
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
