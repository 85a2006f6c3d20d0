#!/usr/bin/env python3
"""Minimal SMTP sink for ops/fault-test.sh: accepts every mail and appends one line per recipient to
the given file, tab-separated: receive time (epoch seconds), Message-ID, X-CSMFlow-Notification-Id,
recipient, subject. The line is written and flushed before the server answers "250", so a mail the
sender saw accepted is always in the file. No TLS, no auth: loopback test use only.

SIGTERM stops it gracefully: the port closes at once (new connections are refused, as with a mail
server that is down) and sessions in progress finish first.

    ops/smtp-sink.py PORT OUTPUT_FILE [PID_FILE]
"""
import os
import signal
import socketserver
import sys
import threading
import time

OUT = sys.argv[2]
LOCK = threading.Lock()


def header(lines, name):
    prefix = name.lower() + ":"
    for i, line in enumerate(lines):
        if line == "":
            break  # end of the header section
        if line.lower().startswith(prefix):
            value = line[len(prefix):].strip()
            # folded continuation lines
            for more in lines[i + 1:]:
                if more[:1] in (" ", "\t"):
                    value += " " + more.strip()
                else:
                    break
            return value
    return ""


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        try:
            self.session()
        except OSError:
            pass  # the client went away (e.g. its node was killed): whatever it had not finished is not a mail

    def session(self):
        self.reply("220 fault-test sink")
        recipients, data = [], None
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if data is not None:
                if line == ".":
                    fields = [header(data, "Message-ID"), header(data, "X-CSMFlow-Notification-Id"),
                              header(data, "Subject")]
                    fields = [f.replace("\t", " ") for f in fields]
                    with LOCK, open(OUT, "a", encoding="utf-8") as out:
                        for rcpt in recipients:
                            out.write(f"{time.time():.3f}\t{fields[0]}\t{fields[1]}\t{rcpt}\t{fields[2]}\n")
                        out.flush()
                        os.fsync(out.fileno())
                    recipients, data = [], None
                    self.reply("250 queued")
                else:
                    data.append(line[1:] if line.startswith("..") else line)
                continue
            verb = line[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip().strip("<>").lower())
                self.reply("250 ok")
            elif verb == "DATA":
                data = []
                self.reply("354 end with .")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # RSET, NOOP, ...
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = False
    block_on_close = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", int(sys.argv[1])), Session)
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w") as pid:
            pid.write(str(os.getpid()))

    def stop(signum, frame):
        # shutdown() waits for serve_forever to return: call it from another thread
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.2)
    server.socket.close()  # refuse new connections at once
    server.server_close()  # waits for sessions in progress
