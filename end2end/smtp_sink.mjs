// A real SMTP server on loopback for the tests (nodemailer's smtp-server).
// It offers STARTTLS with a certificate made for this run (openssl, for
// 127.0.0.1 and localhost), accepts mail only after STARTTLS and a sign-in
// as siang / sink-password, and writes each message it receives to
// <dir>/mail-<n>.json: the envelope, whether the session was encrypted,
// the decoded subject and text (mailparser), and the raw message. It prints "listening <port> <certificate>" once ready.
//
//   node smtp_sink.mjs <dir>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node smtp_sink.mjs <dir>');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
const cert = path.join(dir, 'sink-cert.pem');
const key = path.join(dir, 'sink-key.pem');
execFileSync('openssl', [
  'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
  '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost',
  '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  '-addext', 'basicConstraints=critical,CA:FALSE',
], { stdio: 'ignore' });

let count = 0;
const server = new SMTPServer({
  key: fs.readFileSync(key),
  cert: fs.readFileSync(cert),
  // Signing in is refused before STARTTLS (smtp-server's default), so a
  // message that arrives at all came over TLS with the right password.
  authMethods: ['PLAIN', 'LOGIN'],
  onAuth(auth, session, done) {
    if (auth.username === 'siang' && auth.password === 'sink-password') return done(null, { user: 'siang' });
    return done(new Error('wrong user or password'));
  },
  onMailFrom(address, session, done) {
    if (!session.user) return done(new Error('sign in first'));
    return done();
  },
  onData(stream, session, done) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', async () => {
      count += 1;
      const file = path.join(dir, `mail-${String(count).padStart(4, '0')}.json`);
      const raw = Buffer.concat(chunks);
      const parsed = await simpleParser(raw);
      const record = {
        from: session.envelope.mailFrom.address,
        to: session.envelope.rcptTo.map((r) => r.address),
        secure: session.secure,
        subject: parsed.subject,
        text: parsed.text,
        raw: raw.toString('utf8'),
      };
      fs.writeFileSync(`${file}.part`, JSON.stringify(record));
      fs.renameSync(`${file}.part`, file);
      done();
    });
  },
  logger: false,
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.server.address().port} ${cert}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
