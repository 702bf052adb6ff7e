// Raw mails for the e-mail specs, written as mail clients and servers write them.
let n = 0;
export const mid = (tag: string) => `<${tag}.${Date.now()}.${n++}@customer.example>`;

export function mail(o: {
  from?: string;
  to?: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
}): string {
  const lines = [
    `From: ${o.from ?? 'Ana Perez <ana@customer.example>'}`,
    `To: ${o.to ?? 'support@hub.example'}`,
    `Subject: ${o.subject}`,
    `Date: ${new Date().toUTCString()}`,
    ...(o.messageId === '' ? [] : [`Message-ID: ${o.messageId ?? mid('m')}`]),
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    ...(o.references?.length ? [`References: ${o.references.join(' ')}`] : []),
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    o.body,
    '',
  ];
  return lines.join('\r\n');
}

/** A delivery status notification (RFC 3464) for one of our mails. */
export function bounce(
  originalMessageId: string,
  to: string,
  o: { action?: 'failed' | 'delayed'; status?: string; diagnostic?: string | null } = {},
): string {
  const action = o.action ?? 'failed';
  const diagnostic =
    o.diagnostic === undefined
      ? `smtp; 550 5.1.1 <${to}>: Recipient address rejected: User unknown`
      : o.diagnostic;
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
    `To: support@hub.example`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${mid('dsn')}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"',
    '',
    '--BOUNDARY',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `I'm sorry to have to inform you that your message could not be delivered to ${to}.`,
    '',
    '--BOUNDARY',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customer.example',
    '',
    `Final-Recipient: rfc822; ${to}`,
    `Action: ${action}`,
    `Status: ${o.status ?? (action === 'delayed' ? '4.2.2' : '5.1.1')}`,
    // An MTA may leave the diagnostic empty: the next field must not be read as the reason.
    ...(diagnostic === null ? ['Diagnostic-Code: '] : [`Diagnostic-Code: ${diagnostic}`]),
    'Last-Attempt-Date: Mon, 7 Dec 2026 07:00:00 +0000',
    '',
    '--BOUNDARY',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Support <support@hub.example>',
    `To: ${to}`,
    `Message-ID: ${originalMessageId}`,
    'Subject: Re: something',
    '',
    '--BOUNDARY--',
    '',
  ].join('\r\n');
}

/** Awkward real-world MIME: none of it may crash the hub or block the mailbox. */
export function awkwardCorpus(): { name: string; raw: string | Buffer }[] {
  const big = Buffer.alloc(3 * 1024 * 1024, 7)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return [
    {
      name: 'latin1 quoted-printable',
      raw: [
        'From: =?ISO-8859-1?Q?Jos=E9_Pe=F1a?= <jose@customer.example>',
        'To: support@hub.example',
        'Subject: =?ISO-8859-1?Q?Factura_de_se=F1al?=',
        `Message-ID: ${mid('latin1')}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=ISO-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'No tengo se=F1al desde el lunes, =BFpueden revisar?',
        '',
      ].join('\r\n'),
    },
    {
      name: 'nested multipart with inline image',
      raw: [
        'From: ana@customer.example',
        'To: support@hub.example',
        'Subject: photo of my ID',
        `Message-ID: ${mid('nested')}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="outer"',
        '',
        '--outer',
        'Content-Type: multipart/related; boundary="rel"',
        '',
        '--rel',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'See my ID card attached.',
        '--alt',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>See my <b>ID card</b>: <img src="cid:idcard@x"><img src="http://tracker.example/p.gif"><script>alert(1)</script></p>',
        '--alt--',
        '--rel',
        'Content-Type: image/png',
        'Content-Transfer-Encoding: base64',
        'Content-ID: <idcard@x>',
        'Content-Disposition: inline; filename="ci.png"',
        '',
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        '--rel--',
        '--outer--',
        '',
      ].join('\r\n'),
    },
    {
      name: 'broken headers and no Message-ID',
      raw: [
        'From: not an address at all',
        'To: ',
        'Subject: =?utf-8?B?broken base64*&^?=',
        'Date: yesterday-ish',
        'Content-Type: text/plain; charset=x-unknown-charset',
        '',
        'body with an unknown charset',
        '',
      ].join('\r\n'),
    },
    {
      name: 'huge attachment',
      raw: [
        'From: big@customer.example',
        'To: support@hub.example',
        'Subject: big file',
        `Message-ID: ${mid('big')}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'a large file',
        '--b',
        'Content-Type: application/octet-stream',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="dump.bin"',
        '',
        big,
        '--b--',
        '',
      ].join('\r\n'),
    },
    { name: 'binary garbage', raw: Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 0, 0, 7]) },
    {
      // PostgreSQL text and jsonb cannot hold U+0000; broken clients send it in headers and bodies.
      name: 'NUL characters',
      raw: [
        'From: nul@customer.example',
        'To: support@hub.example',
        `Subject: =?utf-8?B?${Buffer.from('NUL\u0000subject').toString('base64')}?=`,
        `Message-ID: ${mid('nul')}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('before\u0000after').toString('base64'),
        '',
      ].join('\r\n'),
    },
  ];
}
