// A local SMTP sink in a process of its own, for bench:notify: the sender being measured does
// not share its CPU with the receiving end. Reports over IPC: its port once, then the number of
// weekly digests received and when the last arrived (epoch ms), every 20 ms.
import { startSmtpSink } from '../../tests/support/smtp-sink';

const sink = await startSmtpSink({ parse: false });
let counted = 0;
let digests = 0;
let lastAt = 0;
process.send!({ port: sink.port });
setInterval(() => {
  for (; counted < sink.messages.length; counted++) {
    if (sink.messages[counted]!.raw.includes('X-Fellowship-Kind: WEEKLY_DIGEST')) {
      digests += 1;
      lastAt = Date.now();
    }
  }
  // Received messages are only counted: drop their text so memory stays flat.
  for (const message of sink.messages) message.raw = message.raw.length > 0 ? ' ' : '';
  process.send!({ digests, lastAt });
}, 20);
process.on('disconnect', () => void sink.stop().then(() => process.exit(0)));
