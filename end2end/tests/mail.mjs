// What the test SMTP server (smtp_sink.mjs, started by .ci/lib/e2e.sh)
// received: one JSON file per message, with the envelope, whether it came
// over TLS, and the decoded subject and text.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

const dir = () => process.env.SIANG_MAIL_DIR;

export function received() {
  if (!dir() || !fs.existsSync(dir())) return [];
  return fs
    .readdirSync(dir())
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir(), f), 'utf8')));
}

/** The first message to `address` that `match` accepts, once it has arrived. */
export async function mailTo(address, match = () => true) {
  let found;
  await expect
    .poll(() => (found = received().find((m) => m.to.includes(address) && match(m))), {
      message: `a mail to ${address}`,
      timeout: 15_000,
    })
    .toBeTruthy();
  return found;
}

/** The path (and query) of the first link in a mail that contains `part`. */
export function linkIn(mail, part) {
  const url = mail.text.split(/\s+/).find((w) => w.includes(part));
  const u = new URL(url);
  return u.pathname + u.search;
}
